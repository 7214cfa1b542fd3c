//! Rules of 在线访谈: the states 预告 → 直播中 → 已结束, when questions are taken,
//! when the transcript may grow, which questions the public sees, the self-refresh
//! of the live page and the video link. Pure functions.

code_enum!(
    /// 访谈状态
    InterviewState {
        Upcoming = ("upcoming", "预告"),
        Live = ("live", "直播中"),
        Finished = ("finished", "已结束"),
    }
);

code_enum!(
    /// 网友提问的审核状态
    QuestionStatus {
        Pending = ("pending", "待审核"),
        Approved = ("approved", "已通过"),
        Rejected = ("rejected", "未通过"),
    }
);

/// A staff step that moves an interview on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Start,
    Finish,
}

/// Longest question, answer, transcript entry and video link, in characters.
pub const MAX_QUESTION: usize = 500;
pub const MAX_ANSWER: usize = 3000;
pub const MAX_POST: usize = 5000;
pub const MAX_URL: usize = 500;

/// How often the live page reloads itself, in seconds.
pub const REFRESH_SECONDS: u32 = 30;

/// The state after `m`, or why it is refused (in Chinese).
pub fn next(from: InterviewState, m: Move) -> Result<InterviewState, &'static str> {
    use InterviewState as S;
    match (from, m) {
        (S::Upcoming, Move::Start) => Ok(S::Live),
        (S::Live, Move::Finish) => Ok(S::Finished),
        (S::Live, Move::Start) => Err("访谈已在直播中"),
        (S::Finished, Move::Start) => Err("访谈已结束，不能再次开始"),
        (S::Upcoming, Move::Finish) => Err("访谈尚未开始，不能结束"),
        (S::Finished, Move::Finish) => Err("访谈已结束"),
    }
}

/// Whether citizens may send questions: before and during the interview.
pub fn takes_questions(s: InterviewState) -> bool {
    matches!(s, InterviewState::Upcoming | InterviewState::Live)
}

/// Why a question is refused in state `s`, if it is.
pub fn question_refusal(s: InterviewState) -> Option<&'static str> {
    (!takes_questions(s)).then_some("本期访谈已结束，不再接收提问")
}

/// Whether staff may post transcript entries: only while live.
pub fn takes_posts(s: InterviewState) -> Result<(), &'static str> {
    match s {
        InterviewState::Live => Ok(()),
        InterviewState::Upcoming => Err("访谈开始后才能发布文字实录"),
        InterviewState::Finished => Err("访谈已结束，不能再发布文字实录"),
    }
}

/// Whether the public sees a question (and its answer): approved ones only.
pub fn shown(q: QuestionStatus) -> bool {
    q == QuestionStatus::Approved
}

/// The moderation steps allowed from `from` to `to`: a pending question is
/// approved or rejected; a decision may be reversed while unanswered.
pub fn moderate(
    from: QuestionStatus,
    to: QuestionStatus,
    answered: bool,
) -> Result<(), &'static str> {
    use QuestionStatus as Q;
    match (from, to) {
        (_, Q::Pending) => Err("不能改回待审核"),
        (a, b) if a == b => Err("该提问已是这个状态"),
        (Q::Approved, Q::Rejected) if answered => Err("已答复的提问不能改为不通过"),
        _ => Ok(()),
    }
}

/// Only approved questions are answered.
pub fn answerable(q: QuestionStatus) -> Result<(), &'static str> {
    if q == QuestionStatus::Approved {
        Ok(())
    } else {
        Err("请先审核通过该提问，再填写答复")
    }
}

/// Seconds for `<meta http-equiv="refresh">`: only while live, and not when the
/// reader turned it off.
pub fn refresh(s: InterviewState, turned_off: bool) -> Option<u32> {
    (s == InterviewState::Live && !turned_off).then_some(REFRESH_SECONDS)
}

/// A video link checked: empty (none) or an http/https address with a host, no
/// spaces, at most [`MAX_URL`] characters.
pub fn video_url(value: &str) -> Result<String, &'static str> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(String::new());
    }
    if v.chars().count() > MAX_URL {
        return Err("视频链接不能超过500个字符");
    }
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"))
        .ok_or("视频链接须以 http:// 或 https:// 开头")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_ok = !host.is_empty()
        && !host.starts_with('.')
        && !host.starts_with(':')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    if !host_ok {
        return Err("视频链接的网址不正确");
    }
    if v.chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>'))
    {
        return Err("视频链接不能含有空格或引号");
    }
    Ok(v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use InterviewState as S;

    #[test]
    fn an_interview_goes_upcoming_live_finished_and_never_back() {
        assert_eq!(next(S::Upcoming, Move::Start), Ok(S::Live));
        assert_eq!(next(S::Live, Move::Finish), Ok(S::Finished));
        assert!(next(S::Upcoming, Move::Finish).is_err_and(|m| m.contains("尚未开始")));
        assert!(next(S::Finished, Move::Start).is_err());
        assert!(next(S::Finished, Move::Finish).is_err());
        assert!(next(S::Live, Move::Start).is_err());
    }

    #[test]
    fn questions_before_and_during_posts_only_while_live() {
        assert!(takes_questions(S::Upcoming) && takes_questions(S::Live));
        assert!(!takes_questions(S::Finished));
        assert!(question_refusal(S::Finished).is_some_and(|m| m.contains("已结束")));
        assert_eq!(question_refusal(S::Live), None);
        assert!(takes_posts(S::Live).is_ok());
        assert!(takes_posts(S::Upcoming).is_err());
        assert!(takes_posts(S::Finished).is_err());
    }

    #[test]
    fn only_approved_questions_are_shown_and_answered() {
        use QuestionStatus as Q;
        assert!(shown(Q::Approved));
        assert!(!shown(Q::Pending) && !shown(Q::Rejected));
        assert!(answerable(Q::Approved).is_ok());
        assert!(answerable(Q::Pending).is_err());
        assert!(moderate(Q::Pending, Q::Approved, false).is_ok());
        assert!(moderate(Q::Pending, Q::Rejected, false).is_ok());
        assert!(moderate(Q::Approved, Q::Rejected, false).is_ok());
        assert!(moderate(Q::Approved, Q::Rejected, true).is_err());
        assert!(moderate(Q::Approved, Q::Approved, false).is_err());
        assert!(moderate(Q::Rejected, Q::Pending, false).is_err());
    }

    #[test]
    fn the_page_refreshes_only_while_live() {
        assert_eq!(refresh(S::Live, false), Some(30));
        assert_eq!(refresh(S::Live, true), None);
        assert_eq!(refresh(S::Upcoming, false), None);
        assert_eq!(refresh(S::Finished, false), None);
    }

    #[test]
    fn video_links_are_http_or_https() {
        assert_eq!(video_url(""), Ok(String::new()));
        assert_eq!(
            video_url(" https://video.example.cn/v/123 "),
            Ok("https://video.example.cn/v/123".into())
        );
        assert!(video_url("http://localhost:8080/a.mp4").is_ok());
        assert!(video_url("javascript:alert(1)").is_err());
        assert!(video_url("ftp://example.cn/v").is_err());
        assert!(video_url("https://").is_err());
        assert!(video_url("https:///path").is_err());
        assert!(video_url("https://a.cn/x y").is_err());
        assert!(video_url("https://a.cn/\"onload").is_err());
        assert!(video_url(&format!("https://a.cn/{}", "x".repeat(600))).is_err());
    }
}
