//! HTML exports as a reader gets them: printed to PDF by headless
//! Chromium, and the PDF's text read back with pdftotext. Where Chromium,
//! poppler-utils or a Chinese font is missing, each test says `SKIPPED: …`
//! and passes, unless MINUTES_REQUIRE_CHROMIUM=1 (set by .ci/run once it
//! has installed them), where that is a failure.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Printing a page takes Chromium a second or two; past this it is stuck.
const PRINT_LIMIT: Duration = Duration::from_secs(60);

/// A page as printed: its text, each run of white space one space, and
/// how many pages it took.
struct Printed {
    text: String,
    pages: u32,
}

/// The Chromium to print with, or `None`, said on stderr, where it or
/// what reads the PDF is missing.
fn printer(test: &str) -> Option<PathBuf> {
    let chromium = ["chromium", "chromium-browser"]
        .into_iter()
        .find_map(on_path);
    let missing = if chromium.is_none() {
        Some("no chromium on PATH")
    } else if on_path("pdftotext").is_none() || on_path("pdfinfo").is_none() {
        Some("no pdftotext or pdfinfo on PATH")
    } else if !has_chinese_font() {
        Some("no font with Chinese characters (`fc-list :lang=zh` lists none)")
    } else {
        None
    };
    let Some(why) = missing else {
        return chromium;
    };
    let install = "on Debian: apt-get install chromium poppler-utils fonts-wqy-microhei";
    if std::env::var_os("MINUTES_REQUIRE_CHROMIUM").is_some_and(|v| v == "1") {
        panic!("{test}: {why} ({install}), and MINUTES_REQUIRE_CHROMIUM=1 says it must run");
    }
    // Not eprintln!, which the test harness captures and shows only on failure.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: {test}: {why} ({install}; .ci/run does)"
    );
    None
}

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Without one, Chinese prints as empty boxes, and its text is lost.
/// Where fontconfig cannot be asked, the print itself will tell.
fn has_chinese_font() -> bool {
    match Command::new("fc-list").arg(":lang=zh").output() {
        Ok(out) if out.status.success() => !out.stdout.is_empty(),
        _ => true,
    }
}

/// `html` printed to PDF by `chromium`, in a profile and home of its own
/// (nothing of the user's read or written), and read back.
fn print(chromium: &Path, html: &Path) -> Printed {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("page.pdf");
    let log_path = dir.path().join("chromium.log");
    let log = File::create(&log_path).unwrap();
    let mut command = Command::new(chromium);
    command
        .args([
            "--headless",
            // As root (containers, CI) Chromium refuses to start sandboxed.
            "--no-sandbox",
            "--disable-gpu",
            // A container's /dev/shm is often too small for it.
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            // No header and footer: they would print the page's <title>
            // and its file name, text the page itself may not have.
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(html))
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log);
    // Its helper processes in a group of their own, to be ended with it.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn().expect("chromium starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > PRINT_LIMIT {
            #[cfg(unix)]
            // SAFETY: a signal to the process group of the child started
            // above, not yet waited for, so the group is still its own.
            unsafe {
                libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL);
            }
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium did not print {} within {PRINT_LIMIT:?}; it said:\n{}",
                html.display(),
                tail(&log_path)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let printed = std::fs::metadata(&pdf).is_ok_and(|m| m.len() > 0);
    assert!(
        status.success() && printed,
        "chromium did not print {} ({status}); it said:\n{}",
        html.display(),
        tail(&log_path)
    );
    Printed {
        text: pdf_text(&pdf),
        pages: pdf_pages(&pdf),
    }
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdf_pages(pdf: &Path) -> u32 {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&out.stdout);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in pdfinfo's output:\n{info}"))
}

/// `file:///…` for an absolute `path`, its unusual bytes percent-encoded.
fn file_url(path: &Path) -> String {
    let path = std::fs::canonicalize(path).unwrap();
    let mut url = String::from("file://");
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// The end of Chromium's output, for a failure's message.
fn tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}

fn assert_says(printed: &Printed, what: &str) {
    assert!(
        printed.text.contains(what),
        "{what:?} not in the printed text:\n{}",
        printed.text
    );
}

#[test]
fn a_page_prints_with_its_chinese_and_escaped_markup_as_text() {
    let Some(chromium) = printer("a_page_prints_with_its_chinese_and_escaped_markup_as_text")
    else {
        return;
    };
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/print.html");
    let printed = print(&chromium, &page);
    assert_says(&printed, "Board meeting 董事会");
    assert_says(&printed, "Chair: 王丽; secretary: José Álvarez Núñez.");
    assert_says(&printed, "mentions <b>bold</b> as text");
    // What is read back is the page as printed, not its source.
    assert!(!printed.text.contains("Hidden"), "{}", printed.text);
    assert!(
        !printed.text.contains("Print check header"),
        "{}",
        printed.text
    );
    assert_eq!(printed.pages, 1);
}

/// The sample exported by the binary to `dir/NAME` with `args`, as a
/// user would (no data or configuration directory of the machine's).
fn export_sample(dir: &Path, name: &str, args: &[&str]) -> std::path::PathBuf {
    let html = dir.join(name);
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample.ron");
    let out = Command::new(env!("CARGO_BIN_EXE_minutes"))
        .env("MINUTES_DATA_DIR", "/nonexistent-minutes-test-dir")
        .env("MINUTES_CONFIG_DIR", "/nonexistent-minutes-test-dir")
        .arg("export")
        .arg(&sample)
        .args(args)
        .arg("-o")
        .arg(&html)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "minutes export: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    html
}

#[test]
fn sample_minutes_print_to_pdf() {
    let Some(chromium) = printer("sample_minutes_print_to_pdf") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = export_sample(dir.path(), "out.html", &["--format", "html"]);
    let printed = print(&chromium, &html);
    for what in [
        "Open Data for Museum Collections",
        "José Álvarez Núñez",
        "王丽",
        "Licensing and rights statements",
    ] {
        assert_says(&printed, what);
    }
    assert!(printed.pages > 1, "{} page(s)", printed.pages);
}

#[test]
fn sample_report_prints_as_an_article() {
    let Some(chromium) = printer("sample_report_prints_as_an_article") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = export_sample(dir.path(), "report.html", &["--template", "report"]);
    let printed = print(&chromium, &html);
    for what in [
        "Open Data for Museum Collections",
        "José Álvarez Núñez opened the meeting and welcomed the participants",
        "王丽 (Professor, Digital Humanities Centre, Peking University 北京大学) presented",
        "The participants agreed on six next steps:",
    ] {
        assert_says(&printed, what);
    }
}
