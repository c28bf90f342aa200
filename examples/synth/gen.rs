//! A deterministic synthetic session: a long online symposium with a large
//! roster, for the benchmarks (benches/session.rs) and `cargo run --example
//! synth`. The same [`Params`] always give the same session, and so the
//! same bytes once saved; nothing here reads the clock or the environment.
//!
//! Shared as a `#[path]` module by the example, the benches and the tests,
//! so that the library carries no test-data code; each of them uses a part.
#![allow(dead_code)]

use std::collections::HashSet;

use chrono::{DateTime, Duration};
use minutes::model::*;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    pub entries: usize,
    pub attendees: usize,
    pub seed: u64,
}

impl Params {
    /// `entries` entries, the default roster of 200 and seed.
    pub fn entries(entries: usize) -> Params {
        Params {
            entries,
            ..Params::default()
        }
    }
}

impl Default for Params {
    fn default() -> Params {
        Params {
            entries: 10_000,
            attendees: 200,
            seed: 1,
        }
    }
}

/// xorshift64*: a few lines, no dependency, and the same sequence on every
/// platform and Rust version (a crate's RNG may change its algorithm).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // splitmix64 of the seed: any seed, 0 too, gives a non-zero state.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// In `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n as u64) as usize
    }

    /// In `lo..=hi`.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// True `percent` times in 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

const ORGANISATIONS: [(&str, &str); 7] = [
    ("PKU", "Peking University 北京大学"),
    ("NUS", "National University of Singapore"),
    ("ETH", "ETH Zürich"),
    ("UNAM", "Universidad Nacional Autónoma de México"),
    ("KUL", "KU Leuven"),
    ("UTOKYO", "東京大学 The University of Tokyo"),
    ("SNU", "서울대학교 Seoul National University"),
];

const GIVEN: [&str; 20] = [
    "José",
    "Zoë",
    "Ömer",
    "Íñigo",
    "Anna",
    "Marta",
    "Jürg",
    "Noor",
    "Kwame",
    "François",
    "Søren",
    "Björn",
    "Chloé",
    "Łukasz",
    "Renée",
    "Mónica",
    "Agnès",
    "Théo",
    "Ana",
    "Dāvids",
];
const FAMILY: [&str; 16] = [
    "Núñez",
    "Brandtner",
    "Yıldız",
    "Martínez",
    "Öberg",
    "Dubois",
    "Okafor",
    "Smith",
    "Müller",
    "Kowalski",
    "Nguyễn",
    "García",
    "Lefèvre",
    "Håkansson",
    "Dvořák",
    "Şahin",
];
const CJK_FAMILY: [&str; 14] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "曾", "吕",
];
const CJK_GIVEN: [&str; 16] = [
    "丽", "伟", "静", "洋", "娜", "敏", "强", "磊", "军", "芳", "杰", "婷", "晓明", "建华", "雪",
    "思远",
];
const JAPANESE_FAMILY: [&str; 8] = [
    "山田", "佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "中村",
];
const JAPANESE_GIVEN: [&str; 8] = ["太郎", "花子", "一郎", "美咲", "健", "愛", "翔", "陽菜"];
const KOREAN_FAMILY: [&str; 8] = ["김", "이", "박", "최", "정", "강", "조", "윤"];
const KOREAN_GIVEN: [&str; 8] = [
    "민준", "서연", "지훈", "수아", "우진", "하은", "도윤", "지우",
];
const ROLES: [&str; 8] = [
    "Professor",
    "Lecturer",
    "PhD candidate",
    "Curator",
    "Archivist",
    "Observer",
    "Rapporteur",
    "Director, Digital Humanities Centre",
];

const TOPICS: [&str; 12] = [
    "Welcome and roll call",
    "Minutes of the last session",
    "Open licences for images 图像开放许可",
    "Metadata standards: LIDO, CIDOC-CRM",
    "Digitisation budget 2027",
    "Rights of living artists",
    "Shared vocabulary for Chinese bronzes 青铜器术语",
    "Museu, Muséum, Museo: multilingual search",
    "Long-term preservation of 3D scans",
    "Students' exchange programme",
    "Date and place of the next session",
    "Any other business",
];

const WORDS: [&str; 40] = [
    "the",
    "collection",
    "partners",
    "agreed",
    "proposal",
    "licence",
    "metadata",
    "budget",
    "archive",
    "images",
    "should",
    "publish",
    "review",
    "before",
    "December",
    "museum",
    "open",
    "data",
    "catalogue",
    "rights",
    "scans",
    "volunteers",
    "funding",
    "the committee",
    "asked",
    "whether",
    "Zürich",
    "Málaga",
    "curators",
    "will",
    "draft",
    "a",
    "report",
    "on",
    "access",
    "for",
    "researchers",
    "and",
    "students",
    "naïve",
];
const PHRASES: [&str; 10] = [
    "讨论了提案",
    "各方同意共享数据",
    "需要更多时间",
    "预算问题",
    "下次会议再议",
    "資料を公開する",
    "デジタル化の予算",
    "자료를 공개합니다",
    "목록을 검토합니다",
    "元数据标准",
];

fn sentence(rng: &mut Rng) -> String {
    let mut out = String::new();
    let words = rng.between(4, 18);
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        if rng.chance(8) {
            out.push_str(rng.pick(&PHRASES));
        } else {
            out.push_str(rng.pick(&WORDS));
        }
    }
    // Capitalised, as typed.
    let mut chars = out.chars();
    let first: String = chars
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default();
    format!("{first}{}.", chars.as_str())
}

fn text(rng: &mut Rng, sentences: i64) -> String {
    (0..sentences)
        .map(|_| sentence(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A name not given yet: Latin with accents, Chinese, Japanese or Korean.
fn name(rng: &mut Rng, used: &mut HashSet<String>) -> String {
    for attempt in 0.. {
        let name = match rng.below(10) {
            0..=4 => format!("{} {}", rng.pick(&GIVEN), rng.pick(&FAMILY)),
            5..=7 => format!("{}{}", rng.pick(&CJK_FAMILY), rng.pick(&CJK_GIVEN)),
            8 => format!(
                "{}{}",
                rng.pick(&JAPANESE_FAMILY),
                rng.pick(&JAPANESE_GIVEN)
            ),
            _ => format!("{}{}", rng.pick(&KOREAN_FAMILY), rng.pick(&KOREAN_GIVEN)),
        };
        // Large rosters run out of combinations: a middle initial, as
        // people with common names write theirs, then a number.
        let name = match (attempt, name.split_once(' ')) {
            (0..8, _) => name,
            (8..16, Some((given, family))) => {
                let initial = (b'A' + rng.below(26) as u8) as char;
                format!("{given} {initial}. {family}")
            }
            _ => format!("{name} {attempt}"),
        };
        if used.insert(name.clone()) {
            return name;
        }
    }
    unreachable!("an endless loop returns")
}

/// The session `p` describes: a meeting under way, on its tenth topic,
/// someone speaking and others queued.
pub fn session(p: &Params) -> Session {
    let mut rng = Rng::new(p.seed);
    let start = DateTime::parse_from_rfc3339("2026-11-19T09:00:00+08:00").unwrap();
    let mut s = Session::new("Asia–Europe Digital Heritage Forum 亚欧数字遗产论坛");
    s.series = Some("Asia–Europe Digital Heritage Symposium".into());
    s.theme = Some(format!("Synthetic session, {} entries", p.entries));
    s.platform = Some("Zoom (meeting ID 834 2291 0457)".into());
    s.scheduled_start = Some(start - Duration::minutes(3));
    s.started_at = Some(start);
    s.speech_limit_seconds = Some(180);
    s.organisations = ORGANISATIONS
        .iter()
        .map(|(code, name)| Organisation {
            code: code.to_string(),
            name: name.to_string(),
        })
        .collect();

    // When each entry was logged, first: attendance times fall within them.
    let mut times = Vec::with_capacity(p.entries);
    let mut t = start + Duration::minutes(2);
    for _ in 0..p.entries {
        t += Duration::seconds(rng.between(4, 40));
        times.push(t);
    }
    let last = t;
    let span = (last - start).num_seconds().max(60);
    let within = |rng: &mut Rng, from: i64, to: i64| {
        start + Duration::seconds(rng.between(from.min(to), to.max(from)))
    };

    let mut used = HashSet::new();
    s.attendees = (1..=p.attendees)
        .map(|i| {
            let mut a = Attendee {
                id: AttendeeId(i as u32),
                name: name(&mut rng, &mut used),
                organisation: (!rng.chance(10))
                    .then(|| ORGANISATIONS[rng.below(ORGANISATIONS.len())].0.to_string()),
                role: rng.pick(&ROLES).to_string(),
                attendance: Attendance::Present,
                joined_at: Some(start - Duration::minutes(rng.between(0, 10))),
                left_at: None,
                earlier: Vec::new(),
            };
            match rng.below(100) {
                // Came late, after the grace period.
                0..=14 => {
                    a.attendance = Attendance::Late;
                    a.joined_at = Some(within(&mut rng, 6 * 60, span / 2));
                }
                // Left before now.
                15..=24 => {
                    a.attendance = Attendance::Left;
                    a.left_at = Some(within(&mut rng, span / 4, span - 30));
                }
                // Left and came back (once or twice): earlier stays.
                25..=34 => {
                    let first_left = within(&mut rng, 60, span / 3);
                    let mut back = first_left + Duration::minutes(rng.between(2, 30));
                    a.earlier.push(Stay {
                        joined_at: a.joined_at,
                        left_at: Some(first_left),
                    });
                    if rng.chance(30) {
                        let left = back + Duration::minutes(rng.between(5, 60));
                        a.earlier.push(Stay {
                            joined_at: Some(back),
                            left_at: Some(left),
                        });
                        back = left + Duration::minutes(rng.between(1, 20));
                    }
                    a.joined_at = Some(back.min(last));
                }
                35..=39 => {
                    a.attendance = Attendance::Absent;
                    a.joined_at = None;
                }
                40..=44 => {
                    a.attendance = Attendance::Expected;
                    a.joined_at = None;
                }
                _ => {}
            }
            a
        })
        .collect();
    let here: Vec<AttendeeId> = s
        .attendees
        .iter()
        .filter(|a| a.is_here())
        .map(|a| a.id)
        .collect();
    let everyone: Vec<AttendeeId> = s.attendees.iter().map(|a| a.id).collect();
    let anyone = |rng: &mut Rng, pool: &[AttendeeId]| pool[rng.below(pool.len())];
    if !here.is_empty() {
        s.chair = Some(here[0]);
        s.secretary = Some(*here.last().unwrap());
    }

    // Ten topics taken up (the tenth going on), the last two still ahead.
    const TAKEN_UP: usize = 10;
    let topic_of = |i: usize| i * TAKEN_UP / p.entries.max(1);
    s.agenda = TOPICS
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let first = (0..p.entries).find(|&e| topic_of(e) == i);
            let next = (0..p.entries).find(|&e| topic_of(e) == i + 1);
            let status = match i {
                _ if i + 1 < TAKEN_UP => AgendaStatus::Done,
                _ if i + 1 == TAKEN_UP => AgendaStatus::Current,
                _ => AgendaStatus::Pending,
            };
            AgendaItem {
                id: AgendaId(i as u32 + 1),
                title: title.to_string(),
                presenter: (!everyone.is_empty() && i % 3 != 0)
                    .then(|| anyone(&mut rng, &everyone)),
                planned_minutes: [10, 15, 20, 30, 45][rng.below(5)],
                started_at: (i < TAKEN_UP).then(|| first.map_or(start, |e| times[e])),
                ended_at: (i + 1 < TAKEN_UP)
                    .then(|| next.map_or(start, |e| times[e]) - Duration::seconds(1)),
                status,
            }
        })
        .collect();

    // The log: speeches, each followed by what was noted while it went on.
    let mut speech: Option<usize> = None;
    for (i, &at) in times.iter().enumerate() {
        let roll = rng.below(100);
        let kind = match roll {
            _ if here.is_empty() => EntryKind::Note,
            0..=29 => {
                if let Some(previous) = speech
                    && let EntryKind::Speech { ended_at, .. } = &mut s
                        .entries
                        .get_mut(previous)
                        .expect("the previous speech")
                        .kind
                {
                    *ended_at = Some(at);
                }
                speech = Some(i);
                EntryKind::Speech {
                    speaker: anyone(&mut rng, &here),
                    ended_at: None,
                }
            }
            30..=59 => EntryKind::Note,
            60..=67 => EntryKind::Discussion,
            68..=75 => EntryKind::Question {
                by: rng.chance(70).then(|| anyone(&mut rng, &here)),
            },
            76..=83 => EntryKind::Decision,
            84..=88 => EntryKind::Conclusion,
            _ => EntryKind::Action {
                owner: rng.chance(85).then(|| anyone(&mut rng, &everyone)),
                due: rng
                    .chance(80)
                    .then(|| at.date_naive() + Duration::days(rng.between(1, 30))),
                done: rng.chance(20),
            },
        };
        let text = match kind {
            // A summary for most speeches, none for some.
            EntryKind::Speech { .. } if rng.chance(30) => String::new(),
            EntryKind::Speech { .. } => {
                let n = rng.between(1, 3);
                text(&mut rng, n)
            }
            _ => {
                let n = rng.between(1, 2);
                text(&mut rng, n)
            }
        };
        s.entries.push(Entry {
            id: EntryId(i as u32 + 1),
            at,
            agenda_item: Some(AgendaId(topic_of(i) as u32 + 1)),
            kind,
            text,
            confidential: false,
            carried_over: None,
        });
    }

    // Waiting for the floor: people here, not the one speaking.
    let speaking = speech.and_then(|i| match s.entries[i].kind {
        EntryKind::Speech { speaker, .. } => Some(speaker),
        _ => None,
    });
    for _ in 0..4 {
        if here.len() < 6 {
            break;
        }
        let id = anyone(&mut rng, &here);
        if Some(id) != speaking && !s.queue.contains(&id) {
            s.queue.push(id);
        }
    }

    if let Some(secretary) = s.secretary {
        s.credits.push(Credit {
            role: CreditRole::Text,
            name: s.attendee_name(secretary),
        });
    }
    s.credits.push(Credit {
        role: CreditRole::Photos,
        name: "Chloé Lefèvre".into(),
    });
    s.credits.push(Credit {
        role: CreditRole::Other("Sound engineering".into()),
        name: "김민준".into(),
    });
    s
}

/// The session as the bytes `minutes` saves.
pub fn ron(p: &Params) -> String {
    minutes::store::file::to_ron(&session(p)).expect("a generated session serialises")
}
