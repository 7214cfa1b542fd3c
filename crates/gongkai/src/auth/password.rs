//! Argon2id password hashing (PHC strings) and the password policy.

/// Hash a password with Argon2id. Slow on purpose: call from a blocking task.
pub async fn hash(password: String) -> anyhow::Result<String> {
    Ok(tokio::task::spawn_blocking(move || password_auth::generate_hash(password)).await?)
}

/// Verify a password against a stored PHC hash.
pub async fn verify(password: String, hash: String) -> anyhow::Result<bool> {
    Ok(
        tokio::task::spawn_blocking(move || {
            password_auth::verify_password(password, &hash).is_ok()
        })
        .await?,
    )
}

pub const MIN_LEN: usize = 10;

/// Check a new password; the error is a message for the user.
pub fn check_policy(password: &str, username: &str) -> Result<(), &'static str> {
    let n = password.chars().count();
    if n < MIN_LEN {
        return Err("密码至少 10 个字符");
    }
    if n > 128 {
        return Err("密码不能超过 128 个字符");
    }
    if password.eq_ignore_ascii_case(username) {
        return Err("密码不能与用户名相同");
    }
    let classes = [
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_ascii_alphanumeric()),
    ];
    if classes.iter().filter(|b| **b).count() < 3 {
        return Err("密码须包含大写字母、小写字母、数字、符号中的至少三类");
    }
    Ok(())
}

/// A random password that satisfies the policy, for new accounts and resets.
pub fn generate() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut rng = rand::rng();
    let body: String = (0..14)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    // Guarantee the classes regardless of the draw.
    format!("{body}-Aa7")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy() {
        assert!(check_policy("short", "x").is_err());
        assert!(check_policy("alllowercase", "x").is_err());
        assert!(check_policy("Abcdefgh12", "x").is_ok());
        assert!(check_policy("Abcdefgh12", "abcdefgh12").is_err());
        for _ in 0..50 {
            assert!(check_policy(&generate(), "admin").is_ok());
        }
    }

    #[tokio::test]
    async fn hash_and_verify() {
        let h = hash("Correct-horse-1".into()).await.expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(
            verify("Correct-horse-1".into(), h.clone())
                .await
                .expect("verify")
        );
        assert!(!verify("wrong".into(), h).await.expect("verify"));
    }
}
