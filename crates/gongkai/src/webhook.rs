//! Signed JSON pushes to other systems, shared by every capability that sends them
//! (the document push to the city-wide library, 诉求工单 results back to 12345,
//! 政策精准推送 to the enterprise platforms): the HMAC-SHA256 signature
//! `X-Gongkai-Signature: sha256=<hex>` over the body, the `X-Delivery-Id` that is
//! the same on every attempt (the receiver drops a repeat), one HTTP client
//! configuration, and the backoff between attempts. Each sender keeps its own
//! outbox rows; this module only sends and classifies the answer.

use sha2::{Digest, Sha256};

/// HMAC-SHA256 (RFC 2104).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(message);
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// The value of `X-Gongkai-Signature` for `body`.
pub fn signature(key: &str, body: &[u8]) -> String {
    format!("sha256={}", hex::encode(hmac_sha256(key.as_bytes(), body)))
}

/// Whether `header` is the signature of `body` under `key` (constant time).
pub fn verify(key: &str, body: &[u8], header: &str) -> bool {
    let want = signature(key, body);
    want.len() == header.len()
        && want
            .bytes()
            .zip(header.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// The HTTP client every push uses (20 s per request, our user agent, rustls).
pub fn client() -> anyhow::Result<reqwest::Client> {
    crate::init_crypto();
    Ok(reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(20))
        .user_agent(concat!("gongkai/", env!("CARGO_PKG_VERSION")))
        .build()?)
}

/// Why a push was not accepted.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// The receiver's HTTP status, `None` when it could not be reached.
    pub status: Option<u16>,
    /// In Chinese, for the failed-deliveries list.
    pub message: String,
}

impl Failure {
    /// A 4xx other than 408/429 will not succeed by trying again.
    pub fn permanent(&self) -> bool {
        matches!(self.status, Some(s) if (400..500).contains(&s) && s != 408 && s != 429)
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// POST `body` (JSON) to `url`, signed with `key` when it is not empty and carrying
/// `delivery_id` when given. Success is any 2xx answer.
pub async fn post(
    client: &reqwest::Client,
    url: &str,
    key: &str,
    delivery_id: Option<&str>,
    body: Vec<u8>,
) -> Result<(), Failure> {
    let mut req = client.post(url).header("content-type", "application/json");
    if let Some(id) = delivery_id {
        req = req.header("x-delivery-id", id);
    }
    if !key.is_empty() {
        req = req.header("x-gongkai-signature", signature(key, &body));
    }
    let res = req.body(body).send().await.map_err(|e| Failure {
        status: None,
        message: format!("连接接收端失败：{e}"),
    })?;
    if res.status().is_success() {
        Ok(())
    } else {
        Err(Failure {
            status: Some(res.status().as_u16()),
            message: format!("接收端返回 {}", res.status()),
        })
    }
}

/// Wait before the attempt after `failed` failed ones: 1, 2, 4 … minutes, at most
/// 6 hours.
pub fn delay(failed: i64) -> chrono::Duration {
    let minutes = 1i64 << failed.clamp(0, 20);
    chrono::Duration::minutes(minutes.min(360))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc4231() {
        // RFC 4231 test case 2.
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex::encode(mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than the block size.
        let key = [0xaa_u8; 131];
        let mac = hmac_sha256(
            &key,
            b"Test Using Larger Than Block-Size Key - Hash Key First",
        );
        assert_eq!(
            hex::encode(mac),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn signatures_verify() {
        let s = signature("k-0123456789abcdef", b"{}");
        assert!(verify("k-0123456789abcdef", b"{}", &s));
        assert!(!verify("k-0123456789abcdef", b"{ }", &s));
        assert!(!verify("other-key-0123456", b"{}", &s));
        assert!(!verify("k-0123456789abcdef", b"{}", ""));
    }

    #[test]
    fn backoff_doubles_up_to_six_hours() {
        assert_eq!(delay(0), chrono::Duration::minutes(1));
        assert_eq!(delay(3), chrono::Duration::minutes(8));
        assert_eq!(delay(30), chrono::Duration::minutes(360));
    }

    #[test]
    fn client_errors_are_permanent_but_timeouts_and_limits_are_not() {
        let f = |s| Failure {
            status: s,
            message: String::new(),
        };
        assert!(f(Some(404)).permanent() && f(Some(410)).permanent());
        assert!(!f(Some(429)).permanent() && !f(Some(408)).permanent());
        assert!(!f(Some(500)).permanent() && !f(None).permanent());
    }
}
