//! One module per LSP method. A handler takes the [`Session`](crate::session::Session) and the
//! method's parameters; request handlers run their body under [`guard`](crate::guard::guard), so a
//! panic becomes an error answer instead of ending the server.

pub mod notifications;
pub mod requests;
