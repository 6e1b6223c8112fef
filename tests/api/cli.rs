use crate::helpers::{cli, cli_in, TestDb};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).trim().to_string()
}

fn created_id(out: &std::process::Output) -> i64 {
    assert!(out.status.success(), "stderr: {}", stderr(out));
    stdout(out)
        .parse()
        .unwrap_or_else(|_| panic!("stdout is the id alone: {:?}", stdout(out)))
}

const FORMATION: &[&str] = &[
    "formation",
    "create",
    "--name",
    "Formation Advanced",
    "--description",
    "Stratégies avancées...",
    "--level",
    "intermediate",
    "--platform",
    "zoom",
    "--meeting-link",
    "https://zoom.us/j/123456789",
    "--meeting-id",
    "123 456 789",
    "--meeting-password",
    "secret123",
    "--instructor",
    "John Doe",
    "--schedule",
    "Mar-Jeu, 19h-21h",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_management_commands_create_a_user_a_formation_a_session_and_an_enrollment() {
    let db = TestDb::new().await;
    let user = created_id(&cli(
        &db.url,
        &[
            "user",
            "create",
            "--email",
            "test@calmnessfi.com",
            "--name",
            "Test",
            "--password",
            "password123",
        ],
    ));
    let admin = created_id(&cli(
        &db.url,
        &[
            "user",
            "create",
            "--email",
            "admin@calmnessfi.com",
            "--name",
            "Admin",
            "--password",
            "password123",
            "--admin",
        ],
    ));
    assert_ne!(user, admin);
    let formation = created_id(&cli(&db.url, FORMATION));
    let f = formation.to_string();
    let session = created_id(&cli(
        &db.url,
        &[
            "session",
            "add",
            "--formation",
            &f,
            "--number",
            "1",
            "--title",
            "Introduction au trading",
            "--at",
            "2024-01-22T19:00:00+01:00",
            "--duration-minutes",
            "120",
            "--recording-link",
            "https://zoom.us/rec/share/abc",
        ],
    ));
    assert!(session > 0);
    let enrollment = created_id(&cli(
        &db.url,
        &[
            "enroll",
            "--email",
            "test@calmnessfi.com",
            "--formation",
            &f,
            "--start-date",
            "2024-01-15",
            "--end-date",
            "2024-02-15",
            "--total-sessions",
            "10",
        ],
    ));
    assert!(enrollment > 0);

    let conn = formations::server::db::Db::open(&db.url).await.unwrap();
    let (when, tz): (String, String) = sqlx::query_as(
        "SELECT s.scheduled_date, f.timezone FROM formation_sessions s JOIN formations f ON f.id = s.formation_id",
    )
    .fetch_one(&conn.pool)
    .await
    .unwrap();
    assert_eq!(when, "2024-01-22T18:00:00Z", "stored in UTC");
    assert_eq!(tz, "Europe/Paris", "the default time zone");
    let role: String = sqlx::query_scalar("SELECT role FROM users WHERE id = $1")
        .bind(admin)
        .fetch_one(&conn.pool)
        .await
        .unwrap();
    assert_eq!(role, "admin");

    let strict = created_id(&cli(
        &db.url,
        &[FORMATION, &["--zoom-min-presence", "70"]].concat(),
    ));
    let presence = async |id: i64| -> i64 {
        sqlx::query_scalar("SELECT zoom_min_presence FROM formations WHERE id = $1")
            .bind(id)
            .fetch_one(&conn.pool)
            .await
            .unwrap()
    };
    assert_eq!(presence(formation).await, 50, "the default threshold");
    assert_eq!(presence(strict).await, 70);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_to_the_commands_is_one_clear_line_and_a_failure() {
    let db = TestDb::new().await;
    created_id(&cli(
        &db.url,
        &[
            "user",
            "create",
            "--email",
            "a@b.fr",
            "--name",
            "A",
            "--password",
            "password123",
        ],
    ));
    let f = created_id(&cli(&db.url, FORMATION)).to_string();

    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            FORMATION
                .iter()
                .map(|s| if *s == "intermediate" { "guru" } else { s })
                .collect(),
            "Niveau inconnu « guru »",
        ),
        (
            FORMATION
                .iter()
                .map(|s| {
                    if *s == "https://zoom.us/j/123456789" {
                        "https://meet.google.com/x"
                    } else {
                        s
                    }
                })
                .collect(),
            "zoom.us",
        ),
        (
            [FORMATION, &["--zoom-min-presence", "150"]].concat(),
            "pourcentage entier de 0 à 100",
        ),
        (
            vec![
                "enroll",
                "--email",
                "nobody@b.fr",
                "--formation",
                &f,
                "--start-date",
                "2024-01-15",
                "--end-date",
                "2024-02-15",
                "--total-sessions",
                "10",
            ],
            "Aucun compte n'a l'e-mail nobody@b.fr",
        ),
        (
            vec![
                "enroll",
                "--email",
                "a@b.fr",
                "--formation",
                "999",
                "--start-date",
                "2024-01-15",
                "--end-date",
                "2024-02-15",
                "--total-sessions",
                "10",
            ],
            "Aucune formation n'a l'identifiant 999",
        ),
        (
            vec![
                "enroll",
                "--email",
                "a@b.fr",
                "--formation",
                &f,
                "--start-date",
                "15/01/2024",
                "--end-date",
                "2024-02-15",
                "--total-sessions",
                "10",
            ],
            "AAAA-MM-JJ",
        ),
        (
            vec![
                "enroll",
                "--email",
                "a@b.fr",
                "--formation",
                &f,
                "--start-date",
                "2024-02-15",
                "--end-date",
                "2024-01-15",
                "--total-sessions",
                "10",
            ],
            "date de fin",
        ),
        (
            vec![
                "session",
                "add",
                "--formation",
                &f,
                "--number",
                "1",
                "--title",
                "T",
                "--at",
                "2024-01-22 19:00",
                "--duration-minutes",
                "120",
            ],
            "RFC 3339",
        ),
        (
            vec![
                "user",
                "create",
                "--email",
                "not-an-email",
                "--name",
                "X",
                "--password",
                "password123",
            ],
            "--email",
        ),
    ];
    for (args, expected) in cases {
        let out = cli(&db.url, &args);
        assert!(!out.status.success(), "{args:?} should fail");
        assert!(stdout(&out).is_empty(), "nothing on stdout for {args:?}");
        let err = stderr(&out);
        assert!(
            err.contains(expected),
            "{args:?}: stderr {err:?} should contain {expected:?}"
        );
        assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enrolling_twice_in_one_formation_is_refused() {
    let db = TestDb::new().await;
    created_id(&cli(
        &db.url,
        &[
            "user",
            "create",
            "--email",
            "twice@b.fr",
            "--name",
            "T",
            "--password",
            "password123",
        ],
    ));
    let f = created_id(&cli(&db.url, FORMATION)).to_string();
    let args = [
        "enroll",
        "--email",
        "twice@b.fr",
        "--formation",
        &f,
        "--start-date",
        "2024-01-15",
        "--end-date",
        "2024-02-15",
        "--total-sessions",
        "10",
    ];
    created_id(&cli(&db.url, &args));
    let out = cli(&db.url, &args);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("déjà inscrit"), "{}", stderr(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_data_loads_twice_without_duplicates() {
    let db = TestDb::new().await;
    assert!(cli(&db.url, &["demo"]).status.success());
    let conn = formations::server::db::Db::open(&db.url).await.unwrap();
    let count = |table: &'static str| {
        let pool = conn.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let first = (
        count("users").await,
        count("formations").await,
        count("formation_sessions").await,
        count("enrollments").await,
        count("session_attendance").await,
    );
    let out = cli(&db.url, &["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let second = (
        count("users").await,
        count("formations").await,
        count("formation_sessions").await,
        count("enrollments").await,
        count("session_attendance").await,
    );
    assert_eq!(first, second);
    assert!(first.1 >= 4 && first.2 > 10 && first.4 > 0, "{first:?}");

    let statuses: Vec<String> = sqlx::query_scalar("SELECT DISTINCT status FROM enrollments")
        .fetch_all(&conn.pool)
        .await
        .unwrap();
    assert!(statuses.contains(&"cancelled".to_string()));
    let platforms: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT platform) FROM formations")
        .fetch_one(&conn.pool)
        .await
        .unwrap();
    let levels: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT level) FROM formations")
        .fetch_one(&conn.pool)
        .await
        .unwrap();
    assert_eq!((platforms, levels), (3, 4));
}

#[test]
fn an_unsupported_database_url_is_one_line_naming_the_problem() {
    let out = cli("mysql://root:pw@localhost/x", &["migrate"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("n'est pas prise en charge") && err.contains("sqlite://"),
        "{err}"
    );
    assert!(!err.contains("pw@"), "no password in messages: {err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn an_unreachable_postgres_server_is_one_line_naming_the_problem() {
    let out = cli(
        "postgres://postgres:secret@127.0.0.1:1/formations",
        &["migrate"],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(
            "impossible d'ouvrir la base de données postgres://postgres:***@127.0.0.1:1/formations"
        ),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_added_with_a_taken_number_gets_it_and_the_later_ones_move_up() {
    let db = TestDb::new().await;
    let f = created_id(&cli(&db.url, FORMATION)).to_string();
    let add = |number: &str, title: &str| {
        created_id(&cli(
            &db.url,
            &[
                "session",
                "add",
                "--formation",
                &f,
                "--number",
                number,
                "--title",
                title,
                "--at",
                "2024-01-22T19:00:00+01:00",
                "--duration-minutes",
                "120",
            ],
        ))
    };
    add("1", "Un");
    add("2", "Deux");
    add("1", "Zéro");
    let pool = formations::server::db::Db::open(&db.url).await.unwrap();
    let titles: Vec<(i64, String)> = sqlx::query_as(
        "SELECT session_number, title FROM formation_sessions ORDER BY session_number",
    )
    .fetch_all(&pool.pool)
    .await
    .unwrap();
    assert_eq!(
        titles,
        vec![(1, "Zéro".into()), (2, "Un".into()), (3, "Deux".into())]
    );
    pool.pool.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_commands_speak_the_language_of_lang_and_french_by_default() {
    let db = TestDb::new().await;
    let enroll = [
        "enroll",
        "--email",
        "a@b.fr",
        "--formation",
        "999",
        "--start-date",
        "2024-01-15",
        "--end-date",
        "2024-02-15",
        "--total-sessions",
        "10",
    ];
    created_id(&cli(
        &db.url,
        &[
            "user",
            "create",
            "--email",
            "a@b.fr",
            "--name",
            "A",
            "--password",
            "password123",
        ],
    ));
    for (lang, words) in [
        ("en_US.UTF-8", "No formation has the ID 999"),
        ("en", "No formation has the ID 999"),
        ("fr_CA.UTF-8", "Aucune formation n'a l'identifiant 999"),
        ("C.UTF-8", "Aucune formation n'a l'identifiant 999"),
        ("de_DE.UTF-8", "Aucune formation n'a l'identifiant 999"),
    ] {
        let out = cli_in(lang, &db.url, &enroll);
        assert!(!out.status.success());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(words), "{lang}: {stderr}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_commands_own_messages_speak_lang_and_french_by_default() {
    let db = TestDb::new().await;
    let migrate = |lang: Option<&str>| {
        let out = match lang {
            Some(lang) => cli_in(lang, &db.url, &["migrate"]),
            None => cli(&db.url, &["migrate"]),
        };
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).is_empty(), "stdout stays for ids");
        stderr(&out)
    };
    assert_eq!(migrate(None), "migrations appliquées");
    assert_eq!(migrate(Some("de_DE.UTF-8")), "migrations appliquées");
    assert_eq!(migrate(Some("en_US.UTF-8")), "migrations applied");

    // A failure: the whole line, prefix included.
    let url = "mysql://root:pw@localhost/x";
    let french = stderr(&cli(url, &["migrate"]));
    let english = stderr(&cli_in("en_US.UTF-8", url, &["migrate"]));
    assert!(
        french.starts_with(
            "erreur : DATABASE_URL « mysql://root:***@localhost/x » n'est pas prise en charge"
        ),
        "{french}"
    );
    assert!(
        english.starts_with("error: DATABASE_URL 'mysql://root:***@localhost/x' is not supported"),
        "{english}"
    );

    // The demo's summary, and the ids scripts read stay digits alone.
    let out = cli_in("en_US.UTF-8", &db.url, &["demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("demo data ready\n  admin:   "),
        "{}",
        stderr(&out)
    );
    let out = cli(&db.url, &["demo"]);
    assert!(
        stderr(&out).starts_with("données de démo prêtes\n  admin :     "),
        "{}",
        stderr(&out)
    );
    let id = created_id(&cli_in(
        "en_US.UTF-8",
        &db.url,
        &[
            "user",
            "create",
            "--email",
            "ids@b.fr",
            "--name",
            "Ids",
            "--password",
            "password123",
        ],
    ));
    assert!(id > 0);
}
