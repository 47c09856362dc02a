//! A deliberately minimal HTTP/1.1 server side: one request per connection, answered with
//! `Connection: close`. That is all the clients under test need, and it keeps the fake free
//! of an HTTP framework whose behaviour would itself need trusting.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Requests larger than this are refused; real API requests are a few kilobytes.
const MAX_REQUEST: usize = 1 << 20;

/// A parsed request.
#[derive(Debug, Clone)]
pub(crate) struct HttpRequest {
    pub method: String,
    /// The request target as sent, path and query.
    pub target: String,
    /// Header names lowercased, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The path part of the target.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    /// The raw (still encoded) query part of the target.
    pub fn raw_query(&self) -> &str {
        self.target.split_once('?').map_or("", |(_, q)| q)
    }
}

/// Why a request could not be read; the fake answers it with HTTP 400 and this text.
#[derive(Debug, thiserror::Error)]
pub(crate) enum BadRequest {
    #[error("read failed: {0}")]
    Read(#[from] std::io::Error),
    #[error("request head too large")]
    HeadTooLarge,
    #[error("connection closed before the request head ended")]
    ClosedInHead,
    #[error("request head is not UTF-8")]
    HeadNotUtf8,
    #[error("bad request line {0:?}")]
    RequestLine(String),
    #[error("unsupported protocol {0}")]
    Protocol(String),
    #[error("bad header line {0:?}")]
    HeaderLine(String),
    #[error("bad Content-Length")]
    ContentLength,
    #[error("body too large")]
    BodyTooLarge,
    #[error("connection closed inside the body")]
    ClosedInBody,
}

/// Reads one request: request line, headers, and a `Content-Length` body.
pub(crate) async fn read_request(stream: &mut TcpStream) -> Result<HttpRequest, BadRequest> {
    let mut buf = Vec::with_capacity(4096);
    let header_end = loop {
        if let Some(i) = find(&buf, b"\r\n\r\n") {
            break i;
        }
        if buf.len() > MAX_REQUEST {
            return Err(BadRequest::HeadTooLarge);
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(BadRequest::ClosedInHead);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = std::str::from_utf8(&buf[..header_end]).map_err(|_| BadRequest::HeadNotUtf8)?;
    let mut lines = head.split("\r\n");
    // `split` yields at least one item, so an empty head is an empty request line.
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(BadRequest::RequestLine(request_line.to_string()));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(BadRequest::Protocol(version.to_string()));
    }
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| BadRequest::HeaderLine(line.to_string()))?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .map(|(_, v)| v.parse::<usize>().map_err(|_| BadRequest::ContentLength))
        .transpose()?
        .unwrap_or(0);
    if length > MAX_REQUEST {
        return Err(BadRequest::BodyTooLarge);
    }
    let mut body = buf[header_end + 4..].to_vec();
    while body.len() < length {
        let mut chunk = vec![0u8; length - body.len()];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(BadRequest::ClosedInBody);
        }
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(length);
    Ok(HttpRequest {
        method: method.to_string(),
        target: target.to_string(),
        headers,
        body,
    })
}

/// A response to write.
#[derive(Debug, Clone)]
pub(crate) struct HttpResponse {
    pub status: u16,
    pub content_type: String,
    pub extra_headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn json(status: u16, value: &serde_json::Value) -> Self {
        HttpResponse {
            status,
            content_type: "application/json;charset=utf-8".into(),
            extra_headers: Vec::new(),
            body: value.to_string().into_bytes(),
        }
    }

    pub fn text(status: u16, text: &str) -> Self {
        HttpResponse {
            status,
            content_type: "text/plain;charset=utf-8".into(),
            extra_headers: Vec::new(),
            body: text.as_bytes().to_vec(),
        }
    }
}

/// Writes `resp` and closes the write side.
pub(crate) async fn write_response(stream: &mut TcpStream, resp: &HttpResponse) {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        resp.status,
        reason(resp.status),
        resp.content_type,
        resp.body.len()
    );
    for (name, value) in &resp.extra_headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(&resp.body);
    // The client may have given up (timeouts are tested); a failed write is expected then.
    let _ = stream.write_all(&bytes).await;
    let _ = stream.shutdown().await;
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
