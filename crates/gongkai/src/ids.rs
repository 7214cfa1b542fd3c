//! Identity numbers as types with checked constructors: 居民身份证号 (GB 11643-1999,
//! ISO 7064 MOD 11-2 check character) and 统一社会信用代码 (GB 32100-2015, MOD 31).

use std::fmt;

use chrono::NaiveDate;

/// An 18-character 居民身份证号 with a valid birth date and check character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdCardNo(String);

impl IdCardNo {
    pub fn parse(s: &str) -> Result<IdCardNo, &'static str> {
        let s: String = s.trim().to_uppercase();
        let b = s.as_bytes();
        if b.len() != 18
            || !b[..17].iter().all(u8::is_ascii_digit)
            || !(b[17].is_ascii_digit() || b[17] == b'X')
        {
            return Err("身份证号应为18位：17位数字加1位校验码（数字或X）");
        }
        let birth = NaiveDate::parse_from_str(&s[6..14], "%Y%m%d")
            .map_err(|_| "身份证号中的出生日期无效")?;
        if birth.format("%Y").to_string().as_str() < "1900" {
            return Err("身份证号中的出生日期无效");
        }
        if check_char(&b[..17]) != b[17] {
            return Err("身份证号校验码不正确，请核对");
        }
        Ok(IdCardNo(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The GB 11643 check character of the first 17 digits.
pub fn check_char(first17: &[u8]) -> u8 {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C: &[u8; 11] = b"10X98765432";
    let sum: u32 = first17
        .iter()
        .zip(W)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    C[(sum % 11) as usize]
}

impl fmt::Display for IdCardNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An 18-character 统一社会信用代码 with a valid check character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditCode(String);

const CREDIT_CHARS: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

impl CreditCode {
    pub fn parse(s: &str) -> Result<CreditCode, &'static str> {
        let s: String = s.trim().to_uppercase();
        let b = s.as_bytes();
        if b.len() != 18 {
            return Err("统一社会信用代码应为18位");
        }
        let mut values = [0u32; 18];
        for (i, c) in b.iter().enumerate() {
            match CREDIT_CHARS.iter().position(|x| x == c) {
                Some(v) => values[i] = v as u32,
                None => {
                    return Err("统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）");
                }
            }
        }
        if credit_check(&values[..17]) != values[17] {
            return Err("统一社会信用代码校验码不正确，请核对");
        }
        Ok(CreditCode(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn credit_check(first17: &[u32]) -> u32 {
    const W: [u32; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let sum: u32 = first17.iter().zip(W).map(|(v, w)| v * w).sum();
    (31 - sum % 31) % 31
}

/// Complete 17 characters with their check character (for tests and demo data).
pub fn credit_code_with_check(first17: &str) -> Option<String> {
    let values: Option<Vec<u32>> = first17
        .bytes()
        .map(|c| CREDIT_CHARS.iter().position(|x| *x == c).map(|v| v as u32))
        .collect();
    let values = values?;
    (values.len() == 17).then(|| {
        let c = CREDIT_CHARS[credit_check(&values) as usize] as char;
        format!("{first17}{c}")
    })
}

/// Complete 17 digits with their check character (for tests and demo data).
pub fn id_card_with_check(first17: &str) -> Option<String> {
    let b = first17.as_bytes();
    (b.len() == 17 && b.iter().all(u8::is_ascii_digit))
        .then(|| format!("{first17}{}", check_char(b) as char))
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_numbers() {
        // The GB 11643-1999 example.
        assert!(IdCardNo::parse("11010519491231002X").is_ok());
        assert!(IdCardNo::parse("11010519491231002x").is_ok());
        assert_eq!(
            IdCardNo::parse("110105194912310021"),
            Err("身份证号校验码不正确，请核对")
        );
        assert!(IdCardNo::parse("110105194913310028").is_err());
        assert!(IdCardNo::parse("1101051949").is_err());
        // A published code (国家市场监督管理总局 style example).
        assert!(CreditCode::parse("91350100M000100Y43").is_ok());
        assert!(CreditCode::parse("91350100M000100Y44").is_err());
        assert!(CreditCode::parse("91350100M000100YI3").is_err());
    }

    proptest! {
        #[test]
        fn generated_numbers_round_trip(digits in "[0-9]{6}", day in 0i64..30000, seq in "[0-9]{3}") {
            let birth = NaiveDate::from_ymd_opt(1930, 1, 1).expect("date") + chrono::Duration::days(day);
            let first = format!("{digits}{}{seq}", birth.format("%Y%m%d"));
            let full = id_card_with_check(&first).expect("17 digits");
            prop_assert!(IdCardNo::parse(&full).is_ok());
        }

        #[test]
        fn any_single_character_change_is_caught(body in "[0-9A-HJ-NP-RTUW-Y]{17}", pos in 0usize..17) {
            let full = credit_code_with_check(&body).expect("valid chars");
            prop_assert!(CreditCode::parse(&full).is_ok());
            let mut b = full.into_bytes();
            b[pos] = if b[pos] == b'0' { b'1' } else { b'0' };
            let changed = String::from_utf8(b).expect("ascii");
            prop_assert!(CreditCode::parse(&changed).is_err());
        }
    }
}
