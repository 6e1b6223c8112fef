//! One pool, two backends. The URL scheme chooses; both run the same queries
//! (the schemas are kept column-for-column identical) and their own
//! migrations.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use futures_core::future::BoxFuture;
use futures_core::stream::BoxStream;
use sqlx::any::{
    install_default_drivers, AnyPoolOptions, AnyQueryResult, AnyRow, AnyStatement, AnyTypeInfo,
};
use sqlx::{Any, AnyPool, Describe, Either, Execute, Executor, Transaction};

use crate::server::session_cache::SessionCache;

/// How long a session lookup is reused when not configured
/// (`FORMATIONS_SESSION_CACHE_SECONDS`).
pub const DEFAULT_SESSION_CACHE: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// Statements run by the stores, through [`Db::pool`] or a [`Tx`] (BEGIN
    /// and COMMIT aside): lets tests prove that a page costs the same number
    /// of statements whatever the data size. No store method runs a
    /// statement per row: each runs a fixed list, whatever the data.
    statements: Arc<AtomicU64>,
    /// Where the database is, for the one connection beside the pool that
    /// `LISTEN`s (PostgreSQL's live notices).
    url: Arc<str>,
    /// Recent session lookups (`server::session_cache`), forgotten by the
    /// store methods that change what they hold.
    pub(crate) sessions: Arc<SessionCache>,
}

/// The pool as the stores use it: an executor that counts each statement it
/// runs, and the start of their read transactions.
#[derive(Debug, Clone, Copy)]
pub struct CountedPool<'a> {
    pool: &'a AnyPool,
    statements: &'a Arc<AtomicU64>,
}

/// A transaction whose statements are counted. As with sqlx's own,
/// `&mut *tx` is its executor; it rolls back unless committed.
#[derive(Debug)]
pub struct Tx(TxConn);

/// What `&mut *tx` gives: the transaction's connection, counted.
#[derive(Debug)]
pub struct TxConn {
    tx: Transaction<'static, Any>,
    statements: Arc<AtomicU64>,
}

/// One connection taken from the pool for several statements in a row,
/// counted like the pool; it goes back to the pool when dropped.
#[derive(Debug)]
pub struct Conn {
    conn: sqlx::pool::PoolConnection<Any>,
    statements: Arc<AtomicU64>,
}

impl CountedPool<'_> {
    /// One connection for statements that follow each other: each use of
    /// the pool itself takes and gives back a connection, and sqlx checks
    /// the connection (a round trip) on the way back.
    pub async fn acquire(self) -> Result<Conn, sqlx::Error> {
        Ok(Conn {
            conn: self.pool.acquire().await?,
            statements: self.statements.clone(),
        })
    }

    /// A read transaction: one snapshot for the statements of a page.
    pub async fn begin(self) -> Result<Tx, sqlx::Error> {
        let tx = self.pool.begin().await?;
        Ok(Tx(TxConn {
            tx,
            statements: self.statements.clone(),
        }))
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.0.tx.commit().await
    }
}

impl std::ops::Deref for Tx {
    type Target = TxConn;

    fn deref(&self) -> &TxConn {
        &self.0
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut TxConn {
        &mut self.0
    }
}

type Step = Either<AnyQueryResult, AnyRow>;

/// Implements [`Executor`] for a counted executor: `$this` is the value
/// `self` is bound to, `$inner` what actually runs the statement. Every way of
/// running a statement goes through `fetch_many` or `fetch_optional` (sqlx's
/// `execute`, `fetch_all`, `fetch_one`… are built on them), so counting there
/// counts each statement once.
macro_rules! counted_executor {
    ($executor:ty, |$this:ident| $inner:expr) => {
        impl<'c> Executor<'c> for $executor {
            type Database = Any;

            fn fetch_many<'e, 'q: 'e, E>(self, query: E) -> BoxStream<'e, Result<Step, sqlx::Error>>
            where
                'c: 'e,
                E: 'q + Execute<'q, Any>,
            {
                let $this = self;
                $this.statements.fetch_add(1, Ordering::Relaxed);
                $inner.fetch_many(query)
            }

            fn fetch_optional<'e, 'q: 'e, E>(
                self,
                query: E,
            ) -> BoxFuture<'e, Result<Option<AnyRow>, sqlx::Error>>
            where
                'c: 'e,
                E: 'q + Execute<'q, Any>,
            {
                let $this = self;
                $this.statements.fetch_add(1, Ordering::Relaxed);
                $inner.fetch_optional(query)
            }

            fn prepare_with<'e, 'q: 'e>(
                self,
                sql: &'q str,
                parameters: &'e [AnyTypeInfo],
            ) -> BoxFuture<'e, Result<AnyStatement<'q>, sqlx::Error>>
            where
                'c: 'e,
            {
                let $this = self;
                $inner.prepare_with(sql, parameters)
            }

            fn describe<'e, 'q: 'e>(
                self,
                sql: &'q str,
            ) -> BoxFuture<'e, Result<Describe<Any>, sqlx::Error>>
            where
                'c: 'e,
            {
                let $this = self;
                $inner.describe(sql)
            }
        }
    };
}

counted_executor!(CountedPool<'c>, |this| this.pool);
counted_executor!(&'c mut TxConn, |this| (&mut *this.tx));
counted_executor!(&'c mut Conn, |this| (&mut *this.conn));

#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("DATABASE_URL '{0}' is not supported: use sqlite://path/to/file.db or postgres://user@host:5432/database")]
    UnsupportedUrl(String),
    #[error("cannot open the database at {url}: {reason}")]
    Connect { url: String, reason: String },
    #[error("cannot migrate the database at {url}: {reason}")]
    Migrate { url: String, reason: String },
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

pub fn backend_of(url: &str) -> Result<Backend, DbSetupError> {
    let scheme = url
        .split(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match scheme.as_str() {
        "sqlite" if url.contains(':') => Ok(Backend::Sqlite),
        "postgres" | "postgresql" => Ok(Backend::Postgres),
        _ => Err(DbSetupError::UnsupportedUrl(redact(url))),
    }
}

/// The URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_string(),
    }
}

/// Creates the SQLite file when it is missing, as a first run expects.
fn sqlite_url(url: &str) -> String {
    if url.contains("mode=") || url.contains(":memory:") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

fn connect_reason(err: &sqlx::Error) -> String {
    match err {
        sqlx::Error::PoolTimedOut => "no answer within 5 seconds (is the server running?)".into(),
        sqlx::Error::Io(io) => io.to_string(),
        sqlx::Error::Database(db) => db.message().to_string(),
        other => other.to_string(),
    }
}

impl Db {
    pub async fn connect(url: &str) -> Result<Db, DbSetupError> {
        install_default_drivers();
        let backend = backend_of(url)?;
        let (url_to_open, max) = match backend {
            Backend::Sqlite => (sqlite_url(url), 8),
            Backend::Postgres => (url.to_string(), 10),
        };
        let options = AnyPoolOptions::new()
            .max_connections(max)
            .acquire_timeout(Duration::from_secs(5))
            // sqlx pings a connection as it leaves the pool and again as it
            // comes back: a round trip to SQLite's worker thread each time.
            // An embedded database's connection cannot break while idle, so
            // the first ping is only cost; a server's can (restarts, proxies).
            .test_before_acquire(backend == Backend::Postgres);
        let options = if backend == Backend::Sqlite {
            options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    // WAL lets pages read while a write commits; the busy
                    // timeout makes concurrent writers wait instead of failing.
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA busy_timeout = 5000").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    conn.execute("PRAGMA synchronous = NORMAL").await?;
                    Ok(())
                })
            })
        } else {
            options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    // A runaway statement is cut off before the 30 s request
                    // timeout, so its connection goes back to the pool.
                    conn.execute("SET statement_timeout = 20000").await?;
                    Ok(())
                })
            })
        };
        let pool = options
            .connect(&url_to_open)
            .await
            .map_err(|err| DbSetupError::Connect {
                url: redact(url),
                reason: connect_reason(&err),
            })?;
        Ok(Db {
            pool,
            backend,
            statements: Arc::default(),
            url: url.into(),
            sessions: Arc::new(SessionCache::new(DEFAULT_SESSION_CACHE)),
        })
    }

    /// Keeps session lookups `ttl` (zero: not kept), for every clone of
    /// this `Db`.
    pub fn set_session_cache(&self, ttl: Duration) {
        self.sessions.set_ttl(ttl);
    }

    /// The URL the database was opened with (it may hold a password: never
    /// log it, see [`redact`]).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The pool, counted: every store method goes through here.
    pub fn pool(&self) -> CountedPool<'_> {
        CountedPool {
            pool: &self.pool,
            statements: &self.statements,
        }
    }

    /// A transaction that will write, counted like [`Db::pool`]. Every write
    /// transaction of the stores starts here.
    ///
    /// On SQLite it takes the write lock at `BEGIN IMMEDIATE`: a deferred
    /// `BEGIN` that reads first must upgrade its read lock to write, and in
    /// WAL mode that upgrade fails at once with "database is locked" when
    /// another writer committed meanwhile — the busy timeout does not cover
    /// it. Taken up front, the lock is simply waited for (busy timeout).
    /// PostgreSQL has row locks and needs nothing but `BEGIN`.
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(Tx(TxConn {
            tx,
            statements: self.statements.clone(),
        }))
    }

    /// Statements run so far (see the `statements` field).
    pub fn query_count(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    pub async fn migrate(&self) -> Result<(), DbSetupError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        let failed = |err: &dyn std::fmt::Display| DbSetupError::Migrate {
            url: format!("{:?} database", self.backend),
            reason: err.to_string(),
        };
        if self.backend == Backend::Postgres {
            return migrator.run(&self.pool).await.map_err(|e| failed(&e));
        }
        // SQLite alters a table by rebuilding it (a new table, the rows
        // copied, the old one dropped): with foreign keys on, that drop
        // would delete, or cascade into, every row referring to the table.
        // SQLite's documented procedure turns them off around the change,
        // which only works outside a transaction, so around the migrator
        // (each migration is its own transaction) on one connection, then
        // checks that every reference still holds.
        let mut conn = self.pool.acquire().await.map_err(|e| failed(&e))?;
        sqlx::query("PRAGMA foreign_keys = OFF")
            .execute(&mut *conn)
            .await
            .map_err(|e| failed(&e))?;
        let ran = migrator.run_direct(&mut *conn).await;
        let broken: Result<Vec<AnyRow>, sqlx::Error> = sqlx::query("PRAGMA foreign_key_check")
            .fetch_all(&mut *conn)
            .await;
        sqlx::query("PRAGMA foreign_keys = ON")
            .execute(&mut *conn)
            .await
            .map_err(|e| failed(&e))?;
        ran.map_err(|e| failed(&e))?;
        match broken {
            Ok(rows) if rows.is_empty() => Ok(()),
            Ok(rows) => Err(failed(&format!(
                "{} rows refer to rows that do not exist",
                rows.len()
            ))),
            Err(e) => Err(failed(&e)),
        }
    }

    /// Opens and migrates: what every command that touches data does first.
    pub async fn open(url: &str) -> Result<Db, DbSetupError> {
        let db = Db::connect(url).await?;
        db.migrate().await?;
        Ok(db)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme_chooses_the_backend() {
        assert_eq!(
            backend_of("sqlite://formations.db").unwrap(),
            Backend::Sqlite
        );
        assert_eq!(backend_of("sqlite::memory:").unwrap(), Backend::Sqlite);
        assert_eq!(
            backend_of("postgres://postgres@127.0.0.1/x").unwrap(),
            Backend::Postgres
        );
        assert_eq!(
            backend_of("postgresql://postgres@127.0.0.1/x").unwrap(),
            Backend::Postgres
        );
        let err = backend_of("mysql://root:pw@localhost/x")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("sqlite://") && err.contains("postgres://"),
            "{err}"
        );
        assert!(
            !err.contains(":pw@"),
            "the password must not be printed: {err}"
        );
    }

    #[tokio::test]
    async fn each_statement_is_counted_once_in_or_out_of_a_transaction() {
        let db = Db::connect("sqlite::memory:").await.unwrap();
        let before = db.query_count();
        let _: i64 = sqlx::query_scalar("SELECT 1")
            .fetch_one(db.pool())
            .await
            .unwrap();
        sqlx::query("SELECT 2").execute(db.pool()).await.unwrap();
        assert_eq!(db.query_count() - before, 2);
        let mut tx = db.begin_write().await.unwrap();
        for n in 0..3 {
            let _: Vec<i64> = sqlx::query_scalar("SELECT $1")
                .bind(n)
                .fetch_all(&mut *tx)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        assert_eq!(db.query_count() - before, 5, "BEGIN and COMMIT aside");
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://app:hunter2@db:5432/formations"),
            "postgres://app:***@db:5432/formations"
        );
    }
}
