//! A real SMTP server for the tests: Python's aiosmtpd (`python3 -m aiosmtpd`) on a
//! free loopback port, storing every message in a Maildir. Skipped with a note when
//! aiosmtpd is missing, required under CI (`.ci/run` installs it).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

pub struct SmtpServer {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A received message: headers as raw text, the text and HTML parts decoded.
pub struct Received {
    pub raw: String,
    pub text: String,
    pub html: String,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.raw.split("\n\n").next().unwrap_or_default();
        head.lines()
            .find(|l| {
                l.len() > name.len()
                    && l[..name.len()].eq_ignore_ascii_case(name)
                    && l.as_bytes()[name.len()] == b':'
            })
            .map(|l| l[name.len() + 1..].trim().to_string())
    }
}

fn b64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let bits: Vec<u32> = s.bytes().filter_map(val).collect();
    let mut out = Vec::new();
    for chunk in bits.chunks(4) {
        let n = chunk.iter().fold(0u32, |a, v| (a << 6) | v) << (6 * (4 - chunk.len()));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len().saturating_sub(1)]);
    }
    out
}

fn part(raw: &str, ct: &str) -> String {
    let Some(i) = raw.find(&format!("Content-Type: {ct}")) else {
        return String::new();
    };
    let rest = &raw[i..];
    let body_start = rest.find("\n\n").map(|j| j + 2).unwrap_or(0);
    let body = &rest[body_start..];
    let end = body.find("--").unwrap_or(body.len());
    String::from_utf8_lossy(&b64_decode(&body[..end])).into_owned()
}

/// The server: aiosmtpd's SMTP protocol on a socket the script binds itself (port 0)
/// and whose port it prints, so no other process can hold the port between our
/// choosing it and the server binding it (two tests once met on one server). The
/// handler stores mail as `Mailbox` does; with `reject` it refuses recipients by
/// their address.
const SERVER: &str = r#"
import asyncio, socket, sys
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import SMTP

class Rejecting(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("gone"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if address.startswith("busy"):
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

handler = (Rejecting if sys.argv[2] == "reject" else Mailbox)(sys.argv[1])
sock = socket.socket()
sock.bind(("127.0.0.1", 0))
sock.listen(64)

async def main():
    await asyncio.get_running_loop().create_server(lambda: SMTP(handler), sock=sock)
    print(sock.getsockname()[1], flush=True)
    await asyncio.Event().wait()

asyncio.run(main())
"#;

impl SmtpServer {
    /// Start aiosmtpd, or `None` (with the reason printed) when it is not installed.
    pub fn start() -> Option<SmtpServer> {
        SmtpServer::start_with(false)
    }

    /// As `start`, but the server refuses some recipients at RCPT TO: `gone…`
    /// addresses for good (550 5.1.1, a bounce), `busy…` ones for now (451).
    pub fn start_rejecting() -> Option<SmtpServer> {
        SmtpServer::start_with(true)
    }

    fn start_with(rejecting: bool) -> Option<SmtpServer> {
        let ok = Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if !ok {
            assert!(
                std::env::var_os("CI").is_none(),
                "aiosmtpd is required under CI (pip install aiosmtpd)"
            );
            eprintln!("skipped: python3 -m aiosmtpd not available");
            return None;
        }
        let dir = tempfile::tempdir().expect("maildir");
        std::fs::write(dir.path().join("server.py"), SERVER).expect("server script");
        let mut child = Command::new("python3")
            .arg(dir.path().join("server.py"))
            .arg(dir.path().join("mail"))
            .arg(if rejecting { "reject" } else { "store" })
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        // The first line the script prints is its port, once it listens.
        let mut line = String::new();
        let read = child
            .stdout
            .take()
            .map(|out| BufReader::new(out).read_line(&mut line));
        match line.trim().parse::<u16>() {
            Ok(port) if matches!(read, Some(Ok(_))) => Some(SmtpServer { child, port, dir }),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("aiosmtpd did not start: {read:?} {line:?}");
            }
        }
    }

    /// Every message received so far, oldest first.
    pub fn messages(&self) -> Vec<Received> {
        let new: PathBuf = self.dir.path().join("mail").join("new");
        let mut files: Vec<_> = std::fs::read_dir(&new)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        files
            .iter()
            .map(|p| {
                let raw = std::fs::read_to_string(p)
                    .expect("message")
                    .replace("\r\n", "\n");
                Received {
                    text: part(&raw, "text/plain"),
                    html: part(&raw, "text/html"),
                    raw,
                }
            })
            .collect()
    }
}
