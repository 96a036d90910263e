/* fuzz_gold.c - libFuzzer harness for the gold file parsers of the eval
 * stage and the scoring behind them. The input holds up to two parts
 * separated by a NUL byte: a gold file, and events, one per line with the
 * tab-separated fields doc, verb start, code, source, target, date. The
 * gold is parsed in both formats; an articles gold that loads gets the
 * events, is scored, and every report is written. Nothing may crash, hang
 * or leak; a parse error must name a line. Built by `make fuzz`
 * (scripts/build-fuzz). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "eval/eval.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Split line (modified in place) at tabs into at most max fields. */
static size_t fields(char *line, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

/* Give the events of text (NUL-terminated, modified) to g. */
static void add_events(eval_articles *g, char *text)
{
    for (char *line = text; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *f[6] = {"", "0", "", "", "", ""};
        fields(line, f, 6);
        long at = strtol(f[1], NULL, 10);
        if (at < 0 || at > 1000000)
            at = 0;
        eval_event e;
        memset(&e, 0, sizeof e);
        e.doc = f[0];
        e.sent = at % 7;
        e.verb = (code_span){(int32_t)at, (int32_t)at + 1};
        e.src = (code_span){-1, -1};
        e.tgt = (code_span){-1, -1};
        e.code = f[2];
        e.source = f[3];
        e.target = f[4];
        e.date = f[5];
        dy_err err;
        eval_articles_add_event(g, &e, &err);
        eval_articles_add_doc(g, f[0], NULL, line, strlen(line), &err);
        line = nl ? nl + 1 : NULL;
    }
}

/* A parse error must say where. */
static void check_error(int rc, const dy_err *e)
{
    if (rc == DY_EPARSE && e->line < 1)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t glen = nul ? (size_t)(nul - data) : size;
    char *events = NULL;
    if (nul) {
        size_t n = size - glen - 1;
        events = malloc(n + 1);
        if (!events)
            return 0;
        memcpy(events, nul + 1, n);
        events[n] = '\0';
    }
    dy_err e;
    eval_sentences *s = NULL;
    check_error(eval_sentences_parse("gold", (const char *)data, glen, &s, &e), &e);
    eval_sentences_free(s);
    eval_articles *g = NULL;
    int rc = eval_articles_parse("gold", (const char *)data, glen, &g, &e);
    check_error(rc, &e);
    if (!rc) {
        if (events)
            add_events(g, events);
        if (eval_articles_finish(g, &e) == 0) {
            dy_buf b = {0};
            eval_articles_write_json(g, &b);
            eval_articles_write_report(g, &b);
            eval_articles_write_misses(g, &b);
            dy_buf_free(&b);
        }
    }
    eval_articles_free(g);
    free(events);
    return 0;
}
