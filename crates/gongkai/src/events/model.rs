//! Pure rules of 公众开放日: statuses, who may register, the placement of a new
//! registration (seat or waitlist), the promotion order on a cancellation, phone and
//! code checks. No database here.

code_enum!(
    /// Where a registration stands.
    RegStatus {
        Applied = ("applied", "已报名，待公开抽签"),
        Confirmed = ("confirmed", "报名成功"),
        Waitlisted = ("waitlisted", "候补"),
        Cancelled = ("cancelled", "已取消"),
    }
);

code_enum!(
    /// How a session's seats are given.
    Selection {
        FirstCome = ("first_come", "先到先得"),
        Draw = ("draw", "公开抽签"),
    }
);

code_enum!(
    /// Who may register.
    Audience {
        Anyone = ("anyone", "面向社会公众"),
        Groups = ("groups", "团体报名"),
        Invited = ("invited", "受邀人员"),
    }
);

/// The largest group one registration may bring.
pub const GROUP_LIMIT: i64 = 10;

/// A registration's place when it arrives: a seat when its whole group fits, else the
/// waitlist (first come); under a draw every registration waits for the draw.
pub fn placement(selection: Selection, capacity: i64, taken: i64, size: i64) -> RegStatus {
    match selection {
        Selection::Draw => RegStatus::Applied,
        Selection::FirstCome if taken + size <= capacity => RegStatus::Confirmed,
        Selection::FirstCome => RegStatus::Waitlisted,
    }
}

/// Which waitlisted registrations get the freed seats: in queue order, each whose group
/// fits the seats still free (a big group does not block smaller ones behind it).
/// `waiting` is (id, size) in queue order; returns the ids promoted.
pub fn promotions(capacity: i64, taken: i64, waiting: &[(i64, i64)]) -> Vec<i64> {
    let mut free = capacity - taken;
    let mut out = Vec::new();
    for &(id, size) in waiting {
        if free <= 0 {
            break;
        }
        if size <= free {
            free -= size;
            out.push(id);
        }
    }
    out
}

/// A mainland phone number: 11-digit mobile (1[3-9]…) or a landline with area code;
/// spaces and dashes dropped.
pub fn normalise_phone(s: &str) -> Result<String, &'static str> {
    let d: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '（' | '）' | '(' | ')'))
        .collect();
    let ok_mobile = d.len() == 11
        && d.starts_with('1')
        && d.as_bytes()[1].is_ascii_digit()
        && d.as_bytes()[1] >= b'3'
        && d.bytes().all(|b| b.is_ascii_digit());
    let ok_land =
        (10..=12).contains(&d.len()) && d.starts_with('0') && d.bytes().all(|b| b.is_ascii_digit());
    if ok_mobile || ok_land {
        Ok(d)
    } else {
        Err("请填写有效的手机号码（11位）或带区号的固定电话")
    }
}

/// A confirmation code as typed or scanned: upper case, no spaces or dashes.
pub fn normalise_code(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .take(16)
        .collect()
}

/// A new confirmation code: 10 characters without look-alikes (0/O, 1/I/L).
pub fn new_code() -> String {
    use rand::Rng as _;
    const A: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut rng = rand::rng();
    (0..10)
        .map(|_| A[rng.random_range(0..A.len())] as char)
        .collect()
}

/// The public number of a registration in a draw record (never a name or phone).
pub fn draw_id(registration_id: i64) -> String {
    format!("R{registration_id:05}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_takes_a_seat_only_when_it_fits() {
        assert_eq!(
            placement(Selection::FirstCome, 10, 8, 2),
            RegStatus::Confirmed
        );
        assert_eq!(
            placement(Selection::FirstCome, 10, 9, 2),
            RegStatus::Waitlisted
        );
        assert_eq!(placement(Selection::Draw, 10, 0, 1), RegStatus::Applied);
    }

    #[test]
    fn promotion_follows_the_queue_and_skips_groups_that_do_not_fit() {
        assert_eq!(promotions(10, 8, &[(5, 3), (6, 1), (7, 1), (8, 1)]), [6, 7]);
        assert!(promotions(10, 10, &[(5, 1)]).is_empty());
        assert_eq!(promotions(10, 7, &[(5, 3)]), [5]);
    }

    #[test]
    fn phones_and_codes_are_normalised() {
        assert_eq!(
            normalise_phone("138 0013-8000").as_deref(),
            Ok("13800138000")
        );
        assert_eq!(
            normalise_phone("021-6321 1234").as_deref(),
            Ok("02163211234")
        );
        assert!(normalise_phone("12345").is_err());
        assert!(normalise_phone("12800138000").is_err());
        assert_eq!(normalise_code(" ab-c2 3 "), "ABC23");
        let c = new_code();
        assert_eq!(c.len(), 10);
        assert!(!c.contains(['0', 'O', '1', 'I', 'L']));
        assert_eq!(draw_id(42), "R00042");
    }
}
