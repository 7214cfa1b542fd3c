//! Mail: composing a MIME message (text + HTML, RFC 2047 subject, RFC 8058
//! one-click unsubscribe headers) and handing it to an SMTP relay.
//!
//! The SMTP client is a small one of our own (EHLO, MAIL, RCPT, DATA, QUIT over plain
//! TCP): the relay it talks to is on loopback or the intranet and does TLS and
//! DKIM itself. That keeps a mail crate and its dependency tree out of the build;
//! the tests deliver to a real SMTP server (Python's aiosmtpd), not a mock.

use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// A composed message, ready for `send`.
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Unique per message: receivers drop a repeat with the same id.
    pub message_id: String,
    /// RFC 8058: an https URL that unsubscribes on POST.
    pub unsubscribe: Option<String>,
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn base64(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// An RFC 2047 encoded word for a header holding non-ASCII text.
fn encoded_word(s: &str) -> String {
    if s.is_ascii() {
        s.to_string()
    } else {
        format!("=?UTF-8?B?{}?=", base64(s.as_bytes()))
    }
}

fn wrapped_base64(s: &str) -> String {
    let b = base64(s.as_bytes());
    b.as_bytes()
        .chunks(76)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// A header value must not break the header block.
pub fn header_safe(s: &str) -> bool {
    !s.contains(['\r', '\n'])
}

/// The message as sent (CRLF line ends, not yet dot-stuffed).
pub fn compose(m: &Mail, from: &str, from_name: &str) -> String {
    let boundary = format!(
        "=_gongkai_{}",
        base64(m.message_id.as_bytes()).replace(['=', '+', '/'], "")
    );
    let date = chrono::Utc::now().to_rfc2822();
    let mut h = vec![
        format!("From: {} <{from}>", encoded_word(from_name)),
        format!("To: <{}>", m.to),
        format!("Subject: {}", encoded_word(&m.subject)),
        format!("Date: {date}"),
        format!("Message-ID: <{}>", m.message_id),
        "MIME-Version: 1.0".to_string(),
        "Auto-Submitted: auto-generated".to_string(),
    ];
    if let Some(u) = &m.unsubscribe {
        h.push(format!("List-Unsubscribe: <{u}>"));
        h.push("List-Unsubscribe-Post: List-Unsubscribe=One-Click".to_string());
    }
    h.push(format!(
        "Content-Type: multipart/alternative; boundary=\"{boundary}\""
    ));
    let part = |ct: &str, body: &str| {
        format!(
            "--{boundary}\r\nContent-Type: {ct}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            wrapped_base64(body)
        )
    };
    format!(
        "{}\r\n\r\n{}{}--{boundary}--\r\n",
        h.join("\r\n"),
        part("text/plain", &m.text),
        part("text/html", &m.html)
    )
}

async fn reply(r: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> Result<(u16, String), String> {
    let mut all = String::new();
    loop {
        let mut line = String::new();
        let n = r.read_line(&mut line).await.map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("SMTP 服务器断开连接".into());
        }
        all.push_str(line.trim_end());
        all.push(' ');
        let code: u16 = line
            .get(..3)
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| format!("SMTP 应答无法识别：{}", line.trim_end()))?;
        if line.as_bytes().get(3) != Some(&b'-') {
            return Ok((code, all.trim_end().to_string()));
        }
    }
}

/// Why a delivery failed: `permanent` for a 5xx answer (retrying will not help),
/// `bounce` when that answer refused the recipient (RCPT TO): the address is bad.
#[derive(Debug)]
pub struct SendError {
    pub permanent: bool,
    pub bounce: bool,
    pub message: String,
}

async fn session(host: &str, port: u16, from: &str, m: &Mail, data: &str) -> Result<(), SendError> {
    let tmp = |message: String| SendError {
        permanent: false,
        bounce: false,
        message,
    };
    let stream = TcpStream::connect((host, port))
        .await
        .map_err(|e| tmp(format!("无法连接 SMTP 服务器：{e}")))?;
    let (rd, mut wr) = stream.into_split();
    let mut rd = BufReader::new(rd);
    let expect_at = |got: (u16, String), ok: &[u16], rcpt: bool| {
        if ok.contains(&got.0) {
            Ok(())
        } else {
            Err(SendError {
                permanent: got.0 >= 500,
                bounce: rcpt && got.0 >= 500,
                message: got.1,
            })
        }
    };
    let expect = |got: (u16, String), ok: &[u16]| expect_at(got, ok, false);
    expect(reply(&mut rd).await.map_err(tmp)?, &[220])?;
    let steps: [(String, &[u16], bool); 3] = [
        ("EHLO gongkai\r\n".into(), &[250], false),
        (format!("MAIL FROM:<{from}>\r\n"), &[250], false),
        (format!("RCPT TO:<{}>\r\n", m.to), &[250, 251], true),
    ];
    for (cmd, ok, rcpt) in steps {
        wr.write_all(cmd.as_bytes())
            .await
            .map_err(|e| tmp(e.to_string()))?;
        expect_at(reply(&mut rd).await.map_err(tmp)?, ok, rcpt)?;
    }
    wr.write_all(b"DATA\r\n")
        .await
        .map_err(|e| tmp(e.to_string()))?;
    expect(reply(&mut rd).await.map_err(tmp)?, &[354])?;
    // Dot-stuffing (RFC 5321 §4.5.2), then the end marker.
    let mut body = String::with_capacity(data.len() + 16);
    for line in data.split("\r\n") {
        if line.starts_with('.') {
            body.push('.');
        }
        body.push_str(line);
        body.push_str("\r\n");
    }
    body.push_str(".\r\n");
    wr.write_all(body.as_bytes())
        .await
        .map_err(|e| tmp(e.to_string()))?;
    expect(reply(&mut rd).await.map_err(tmp)?, &[250])?;
    let _ = wr.write_all(b"QUIT\r\n").await;
    Ok(())
}

/// Deliver one message to the relay (60 s at most).
pub async fn send(
    settings: &crate::config::MailSettings,
    from_name: &str,
    m: &Mail,
) -> Result<(), SendError> {
    if !header_safe(&m.to) || !header_safe(&m.subject) || m.to.contains(['<', '>', ' ']) {
        return Err(SendError {
            permanent: true,
            bounce: false,
            message: "收件地址或主题含非法字符".into(),
        });
    }
    let data = compose(m, &settings.from, from_name);
    tokio::time::timeout(
        Duration::from_secs(60),
        session(
            &settings.smtp_host,
            settings.smtp_port,
            &settings.from,
            m,
            &data,
        ),
    )
    .await
    .unwrap_or_else(|_| {
        Err(SendError {
            permanent: false,
            bounce: false,
            message: "SMTP 会话超时".into(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn composed_message_has_the_headers() {
        let m = Mail {
            to: "a@example.cn".into(),
            subject: "政策推送".into(),
            text: "正文".into(),
            html: "<p>正文</p>".into(),
            message_id: "push-1@example.cn".into(),
            unsubscribe: Some("https://example.cn/api/v1/push/unsubscribe?t=x".into()),
        };
        let s = compose(&m, "noreply@example.cn", "上海市城市管理行政执法局");
        assert!(s.contains("Subject: =?UTF-8?B?5pS/562W5o6o6YCB?="));
        assert!(s.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
        assert!(s.contains("Message-ID: <push-1@example.cn>\r\n"));
        assert!(s.contains(&base64("正文".as_bytes())));
        assert!(!s.contains("\n\n"), "CRLF only");
    }
}
