/* text.h - public interface of the text stage: documents in, sentences,
 * tokens and time expressions out.
 *
 * Data flows one way: read (txt_reader) -> clean (UTF-8, NFC) -> tokenise ->
 * segment into sentences -> find time expressions. Later stages only read
 * what this stage produced. All byte offsets are into txt_doc.text, the
 * cleaned (valid UTF-8, NFC) document text, which is also what dyad stores
 * and prints, so that evidence spans can be highlighted in it.
 */
#ifndef DY_TEXT_H
#define DY_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"

/* ---- dates ------------------------------------------------------------ */

typedef enum {
    TXT_PREC_NONE = 0,  /* no date */
    TXT_PREC_DAY,
    TXT_PREC_MONTH,
    TXT_PREC_YEAR,
    TXT_PREC_DECADE
} txt_prec;

/* A calendar date with a precision. Fields finer than the precision are 0
 * (month 0 for a year, day 0 for a month). A decade is stored as its first
 * year ("the 1990s" = 1990, TXT_PREC_DECADE). */
typedef struct txt_date {
    int year;
    int month;  /* 1..12 or 0 */
    int day;    /* 1..31 or 0 */
    int prec;   /* txt_prec */
} txt_date;

/* Parse "YYYY", "YYYY-MM", "YYYY-MM-DD" or an ISO 8601 timestamp
 * ("2023-09-13T10:00:00Z", "2023-09-13 10:00+03:00": the date part is used)
 * from s[0..n). Checks ranges (month 1-12, day within the month, leap
 * years). Returns 0 and fills *out, or DY_EPARSE. */
int txt_date_parse(const char *s, size_t n, txt_date *out);
/* Write d as "YYYY-MM-DD", "YYYY-MM" or "YYYY" (a decade as its first year)
 * into out (at least 11 bytes). Returns the length, 0 for TXT_PREC_NONE. */
int txt_date_format(const txt_date *d, char out[static 11]);
/* "day", "month", "year", "decade" or "none"; static string. */
const char *txt_prec_name(int prec);
/* Compare two dates by their first day: <0, 0, >0. */
int txt_date_cmp(const txt_date *a, const txt_date *b);
/* Days in month m of year y (m 1..12). */
int txt_days_in_month(int y, int m);
/* Day of week of a full date: 0 = Monday .. 6 = Sunday. */
int txt_weekday(int y, int m, int d);
/* Add n days (may be negative) to a day-precision date. The result may lie
 * outside the supported range (below); txt_date_valid tells. */
txt_date txt_date_add_days(txt_date d, int n);
/* The dates dyad represents: years TXT_YEAR_MIN..TXT_YEAR_MAX (0001-01-01 to
 * 9999-12-31), what "YYYY" writes and the store's integer key YYYYMMDD
 * orders. Time expressions that resolve outside it are dropped; the store
 * keeps such a date as undated. */
enum { TXT_YEAR_MIN = 1, TXT_YEAR_MAX = 9999 };
/* 1 when d has a precision (day .. decade), its year is in the supported
 * range and its month and day are valid for its precision (finer fields 0;
 * a decade's year a multiple of ten); else 0. */
int txt_date_valid(const txt_date *d);

/* ---- documents -------------------------------------------------------- */

typedef struct txt_doc {
    char *id;        /* never NULL */
    char *title;     /* NULL when unknown */
    char *url;       /* NULL when unknown */
    char *source;    /* NULL when unknown */
    txt_date date;   /* prec TXT_PREC_NONE when unknown */
    char *text;      /* valid UTF-8, NFC, NUL-terminated, no NUL inside */
    size_t len;      /* bytes in text */
    char *path;      /* file it came from ("-" for stdin) */
    long line;       /* 1-based line in path (JSONL), 0 otherwise */
} txt_doc;

/* Release a document and all its strings. NULL allowed. */
void txt_doc_free(txt_doc *d);

/* ---- reading ---------------------------------------------------------- */

typedef enum {
    TXT_IN_AUTO = 0,  /* by extension, then by content */
    TXT_IN_TEXT,
    TXT_IN_JSONL,
    TXT_IN_HTML,
    TXT_IN_PETRARCH,  /* PETRARCH2 XML: one document per <Sentence> */
    TXT_IN_TABARI     /* TABARI .text: one document per record */
} txt_input;

/* Called for non-fatal problems (invalid UTF-8 replaced, ...). w->file,
 * w->line and w->offset say where. The callback must not keep w. */
typedef void (*txt_warn_fn)(void *ud, const dy_err *w);

typedef struct txt_read_opts {
    int format;               /* txt_input */
    txt_date default_date;    /* --date: used when a document has none */
    txt_warn_fn warn;         /* may be NULL */
    void *warn_ud;
    size_t max_doc_bytes;     /* larger documents are skipped; 0 = 64 MiB */
} txt_read_opts;

typedef struct txt_reader txt_reader;

/* Open path for reading documents ("-" = standard input). Directories are
 * not accepted here (see txt_expand_paths). On success *out is a reader the
 * caller owns and must close. Returns 0, DY_EIO or DY_ENOMEM (err filled). */
int txt_reader_open(const char *path, const txt_read_opts *o, txt_reader **out,
                    dy_err *err);
/* Next document. Returns 1 and sets *out (caller owns it, txt_doc_free) when
 * a document was read, 0 at the end, DY_ESKIP when a record was unusable and
 * skipped (err says file:line and why; call again to go on), or another
 * negative status on a fatal error (err filled). Empty documents are
 * returned (len 0); deciding to skip them is the caller's. */
int txt_reader_next(txt_reader *r, txt_doc **out, dy_err *err);
/* Close the reader and release it. NULL allowed. */
void txt_reader_close(txt_reader *r);
/* The format the reader settled on (after auto-detection). */
int txt_reader_format(const txt_reader *r);

/* Expand paths: files stay, directories are walked recursively (regular
 * files only, hidden entries skipped, sorted by name for determinism), "-"
 * stays. *out is a caller-owned array of caller-owned strings; release with
 * txt_paths_free. Returns 0, DY_EIO (a path does not exist) or DY_ENOMEM. */
int txt_expand_paths(const char *const *paths, size_t n, char ***out,
                     size_t *nout, dy_err *err);
void txt_paths_free(char **paths, size_t n);

/* Clean raw bytes into valid NFC UTF-8: a BOM is dropped, invalid sequences
 * and NUL bytes become U+FFFD (each reported through warn with its byte
 * offset in the input and `name` as file), CRLF and lone CR become LF.
 * *out is caller-owned (dy_free), NUL-terminated; *outn its length.
 * Returns 0 or DY_ENOMEM. */
int txt_clean_utf8(const char *in, size_t n, const char *name, txt_warn_fn warn,
                   void *ud, char **out, size_t *outn);

/* ---- tokens and sentences -------------------------------------------- */

enum {
    TXT_TOK_WORD = 1u << 0,       /* contains a letter */
    TXT_TOK_NUM = 1u << 1,        /* starts with a digit */
    TXT_TOK_PUNCT = 1u << 2,      /* punctuation or symbol */
    TXT_TOK_CAP = 1u << 3,        /* first letter upper case */
    TXT_TOK_UPPER = 1u << 4,      /* every letter upper case (>= 1 letter) */
    TXT_TOK_QUOTE = 1u << 5,      /* a quotation mark */
    TXT_TOK_HYPHEN = 1u << 6,     /* a hyphen joining two words ("Jong-un") */
    TXT_TOK_SPACE_BEFORE = 1u << 7, /* white space precedes the token */
    TXT_TOK_NL_BEFORE = 1u << 8,  /* a line break precedes the token */
    TXT_TOK_PARA_BEFORE = 1u << 9, /* a blank line precedes the token */
    TXT_TOK_ABBR = 1u << 10,      /* abbreviation with its period ("U.S.", "Gen.") */
    TXT_TOK_CLITIC = 1u << 11,    /* "'s", "n't", "'ll", ... split off a word */
    TXT_TOK_SENT_END = 1u << 12   /* sentence-final punctuation */
};

typedef struct txt_token {
    uint32_t start, end;  /* bytes [start, end) in the document text */
    uint32_t flags;       /* TXT_TOK_* */
    uint32_t norm_len;
    const char *norm;     /* lower case, accents folded, typographic quotes
                             and dashes mapped to ASCII; NUL-terminated;
                             owned by the arena given to txt_tokenize */
    uint64_t hash;        /* txt_hash(norm, norm_len) */
} txt_token;

enum {
    TXT_SENT_HEADLINE = 1u << 0   /* a line without final punctuation */
};

typedef struct txt_sentence {
    uint32_t start, end;            /* bytes [start, end) */
    uint32_t tok_begin, tok_end;    /* tokens [tok_begin, tok_end) */
    uint32_t timex_begin, timex_end;/* time expressions [begin, end) */
    uint32_t flags;                 /* TXT_SENT_* */
} txt_sentence;

/* 64-bit FNV-1a hash of s[0..n): the key of every token lookup. Dictionary
 * compilers hash normalised forms with the same function. */
uint64_t txt_hash(const char *s, size_t n);

/* Split text[0..len) (clean UTF-8) into tokens. Words keep internal
 * apostrophes and periods of abbreviations ("U.S.", "Mr."), numbers keep
 * decimal points and thousands separators ("1,500", "2.5"); hyphenated words
 * are split with the hyphen as its own TXT_TOK_HYPHEN token; clitics ("'s",
 * "n't") are split off. *toks is arena-owned. Returns 0, DY_ELIMIT (a text
 * of 4 GiB or more: token offsets are 32-bit) or DY_ENOMEM. */
int txt_tokenize(const char *text, size_t len, dy_arena *a, txt_token **toks,
                 size_t *ntok, dy_err *err);
/* Group tokens into sentences (English news rules: abbreviations, initials,
 * numbers, quotes and brackets, ellipses, headlines and lines without final
 * punctuation, paragraph breaks). *sents is arena-owned; timex ranges are
 * left empty. Returns 0 or DY_ENOMEM. */
int txt_segment(const char *text, size_t len, const txt_token *toks,
                size_t ntok, dy_arena *a, txt_sentence **sents, size_t *nsent,
                dy_err *err);

/* ---- time expressions ------------------------------------------------ */

enum {
    TXT_TIMEX_RANGE = 1u << 0,    /* "January 15-17, 2024": date..end */
    TXT_TIMEX_LIST = 1u << 1,     /* member of a list ("2001, 2002 and 2011") */
    TXT_TIMEX_RELATIVE = 1u << 2, /* resolved against the document date */
    TXT_TIMEX_IMPLICIT_YEAR = 1u << 3 /* year taken from context */
};

typedef struct txt_timex {
    uint32_t start, end;  /* bytes [start, end) of the expression */
    uint32_t sent;        /* sentence index */
    txt_date date;        /* resolved date (first day of a range) */
    txt_date end_date;    /* last day of a range, else prec TXT_PREC_NONE */
    int32_t list;         /* index of the first member of its list, or -1 */
    uint32_t flags;       /* TXT_TIMEX_* */
} txt_timex;

/* Find and resolve the time expressions of every sentence of a document.
 * Relative expressions ("yesterday", "last year", "on Monday") resolve
 * against doc_date (unresolvable without it: skipped); a day or month
 * without a year takes the nearest preceding explicit year in the document,
 * else doc_date's year. Fills sents[i].timex_begin/_end. *out is
 * arena-owned, ordered by position. Returns 0 or DY_ENOMEM. */
int txt_timex_scan(const char *text, size_t len, txt_sentence *sents,
                   size_t nsent, const txt_date *doc_date, dy_arena *a,
                   txt_timex **out, size_t *nout, dy_err *err);

/* ---- the whole stage -------------------------------------------------- */

typedef struct txt_analysis {
    const txt_doc *doc;
    txt_token *toks;
    size_t ntok;
    txt_sentence *sents;
    size_t nsent;
    txt_timex *timex;
    size_t ntimex;
} txt_analysis;

/* Tokenise, segment and find time expressions of doc. Everything is
 * allocated in a; doc must outlive the analysis. Returns 0, DY_ELIMIT (a
 * text of 4 GiB or more, as txt_tokenize) or DY_ENOMEM. */
int txt_analyze(const txt_doc *doc, dy_arena *a, txt_analysis *out,
                dy_err *err);

#endif
