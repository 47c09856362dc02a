//! The panic guard every handler body runs under, and the errors handlers answer with.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Mutex, MutexGuard};

use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};

/// Locks a mutex, ignoring poisoning: state is only replaced whole, never left half-updated.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs a handler body, turning a panic into an internal error.
pub fn guard<T>(method: &str, body: impl FnOnce() -> Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(payload) => {
            let what = panic_message(&*payload);
            Err(Error {
                code: ErrorCode::InternalError,
                message: format!("bclint: internal error in {method}: {what}").into(),
                data: None,
            })
        }
    }
}

/// The message of a panic payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

/// An `InvalidParams` error answer with `message`.
pub fn invalid_params(message: impl Into<String>) -> Error {
    Error {
        code: ErrorCode::InvalidParams,
        message: message.into().into(),
        data: None,
    }
}
