/* cmd_eval.c - `dyad eval GOLD.tsv`: code the sentences of a gold file and
 * score the events against it (coverage, root, exact code, actors). */
#include "cli/engine.h"
#include "core/alloc.h"
#include "core/buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char eval_help[] =
    "Usage: dyad eval [OPTIONS] GOLD.tsv\n\n"
    "Code the `sentence` column of a gold file (tab-separated with a header naming\n"
    "at least the columns id, cameo_code, source, target, sentence) and print:\n"
    "coverage (sentences with an event), root accuracy and exact-code accuracy (an\n"
    "event with the gold root / code), source and target country accuracy (first 3\n"
    "letters of the code, 6 for IGO/NGO codes, on the best-matching event, over the\n"
    "rows whose gold has that actor), full accuracy (one event with the gold root and\n"
    "both actors right), off-root events per sentence, and a confusion summary by root.\n\n"
    "Options:\n"
    "      --dict DIR       use the dictionary set in DIR (repeatable)\n"
    "      --date YYYY-MM-DD  date used to resolve actor codes (default: none)\n"
    "      --misses         list every sentence not fully right, with its events\n"
    "      --all-modalities also count negated, future, hypothetical, alleged events\n"
    "  -h, --help           show this help\n";

typedef struct gold {
    char *id, *code, *source, *target, *sentence;
    long line;
} gold;

static size_t prefix_len(const char *code)
{
    if (strncmp(code, "IGO", 3) == 0 || strncmp(code, "NGO", 3) == 0 || strncmp(code, "NGM", 3) == 0)
        return 6;
    return 3;
}

static int same_actor(const char *gold_code, const char *ev)
{
    if (!gold_code[0])
        return 1; /* the gold leaves the slot empty: not scored */
    size_t n = prefix_len(gold_code);
    if (strlen(gold_code) < n)
        n = strlen(gold_code);
    return strlen(ev) >= n && strncmp(gold_code, ev, n) == 0;
}

/* Split a TSV line in place into at most max fields. */
static int split_tab(char *s, char **f, int max)
{
    int n = 0;
    f[n++] = s;
    for (char *p = s; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

static int read_gold(const char *path, gold **out, size_t *nout)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        cli_errorf("%s: cannot open: %s", path, strerror(errno));
        return CLI_EXIT_FAIL;
    }
    char *line = NULL;
    size_t cap = 0, n = 0, gcap = 0;
    long ln = 0;
    int col[5] = {-1, -1, -1, -1, -1};
    static const char *names[5] = {"id", "cameo_code", "source", "target", "sentence"};
    gold *g = NULL;
    ssize_t len;
    int rc = 0;
    while ((len = getline(&line, &cap, fp)) >= 0) {
        ln++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        char *f[64];
        int nf = split_tab(line, f, 64);
        if (ln == 1) {
            for (int i = 0; i < nf; i++)
                for (int k = 0; k < 5; k++)
                    if (strcmp(f[i], names[k]) == 0)
                        col[k] = i;
            for (int k = 0; k < 5; k++)
                if (col[k] < 0) {
                    cli_errorf("%s:1: missing column \"%s\" in the header", path, names[k]);
                    rc = CLI_EXIT_FAIL;
                }
            if (rc)
                break;
            continue;
        }
        if (len == 0)
            continue;
        int need = 0;
        for (int k = 0; k < 5; k++)
            if (col[k] > need)
                need = col[k];
        if (nf <= need) {
            cli_errorf("%s:%ld: expected at least %d tab-separated fields, got %d", path, ln,
                       need + 1, nf);
            rc = CLI_EXIT_FAIL;
            break;
        }
        if (n == gcap) {
            gcap = gcap ? gcap * 2 : 256;
            gold *ng = dy_reallocarray(g, gcap, sizeof *g);
            if (!ng) {
                rc = CLI_EXIT_FAIL;
                break;
            }
            g = ng;
        }
        gold *x = &g[n++];
        x->id = dy_strdup(f[col[0]]);
        x->code = dy_strdup(f[col[1]]);
        x->source = dy_strdup(f[col[2]]);
        x->target = dy_strdup(f[col[3]]);
        x->sentence = dy_strdup(f[col[4]]);
        x->line = ln;
        if (!x->id || !x->code || !x->source || !x->target || !x->sentence) {
            cli_errorf("out of memory");
            rc = CLI_EXIT_FAIL;
            break;
        }
    }
    free(line);
    fclose(fp);
    if (!rc && n == 0) {
        cli_errorf("%s: no gold rows", path);
        rc = CLI_EXIT_FAIL;
    }
    *out = g;
    *nout = n;
    return rc;
}

static void free_gold(gold *g, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        dy_free(g[i].id);
        dy_free(g[i].code);
        dy_free(g[i].source);
        dy_free(g[i].target);
        dy_free(g[i].sentence);
    }
    dy_free(g);
}

static int root_of(const char *code) { return (code[0] - '0') * 10 + (code[1] - '0'); }

int cmd_eval(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"dict", required_argument, NULL, 1003},
        {"date", required_argument, NULL, 1002},
        {"misses", no_argument, NULL, 2001},
        {"all-modalities", no_argument, NULL, 2002},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_input in = {0};
    code_opts co = {0};
    int misses = 0, opt;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        int rc = cli_input_option(c, &in, opt, optarg);
        if (rc == 1)
            continue;
        if (rc)
            return rc;
        switch (opt) {
        case 'h': fputs(eval_help, stdout); return CLI_EXIT_OK;
        case 2001: misses = 1; break;
        case 2002: co.all_modalities = 1; break;
        case ':': return cli_usage(c, "option '%s' needs an argument", argv[optind - 1]);
        default: return cli_usage(c, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind != 1)
        return cli_usage(c, "expected one gold file");
    gold *g = NULL;
    size_t ng = 0;
    int rc = read_gold(argv[optind], &g, &ng);
    if (rc) {
        free_gold(g, ng);
        return rc;
    }
    cli_engine eng;
    rc = cli_engine_open(c, &in, &co, &eng);
    if (rc) {
        free_gold(g, ng);
        return rc;
    }
    dy_arena *a = dy_arena_new();
    dy_buf out = {0};
    long covered = 0, root_ok = 0, exact = 0, src_n = 0, src_ok = 0, tgt_n = 0, tgt_ok = 0,
         full = 0, offroot = 0, events = 0;
    long act_n = 0, act_found = 0;
    long conf_n[21] = {0}, conf_ok[21] = {0}, conf_wrong[21][21] = {{0}};
    for (size_t i = 0; i < ng && a; i++) {
        gold *x = &g[i];
        dy_arena_reset(a);
        txt_doc d = {.id = x->id, .text = x->sentence, .len = strlen(x->sentence),
                     .date = in.ropts.default_date};
        txt_analysis an;
        code_event *ev;
        size_t nev;
        dy_err e;
        dy_err_clear(&e);
        if (txt_analyze(&d, a, &an, &e) || code_document(eng.coder, &an, a, &ev, &nev, &e)) {
            cli_errorf("%s: %s", x->id, e.msg);
            rc = CLI_EXIT_FAIL;
            break;
        }
        /* Actor recall: is the gold actor's country among the mentions? */
        dict_mention *ms;
        size_t nm;
        if (dict_match(eng.ds, &an, &d.date, a, &ms, &nm, &e)) {
            cli_errorf("%s: %s", x->id, e.msg);
            rc = CLI_EXIT_FAIL;
            break;
        }
        const char *slots[2] = {x->source, x->target};
        for (int k = 0; k < 2; k++) {
            if (!slots[k][0])
                continue;
            act_n++;
            for (size_t q = 0; q < nm; q++)
                if (same_actor(slots[k], ms[q].code)) {
                    act_found++;
                    break;
                }
        }
        int gr = root_of(x->code);
        if (gr < 0 || gr > 20)
            gr = 0;
        events += (long)nev;
        conf_n[gr]++;
        int has_root = 0, has_exact = 0, has_full = 0;
        const code_event *best = NULL;
        int best_rank = -1;
        for (size_t k = 0; k < nev; k++) {
            int r = root_of(ev[k].code);
            int rank = strcmp(ev[k].code, x->code) == 0 ? 2 : r == gr ? 1 : 0;
            if (r == gr)
                has_root = 1;
            else
                offroot++;
            if (rank == 2)
                has_exact = 1;
            if (r == gr && same_actor(x->source, ev[k].source) && same_actor(x->target, ev[k].target))
                has_full = 1;
            /* Best event for actor scoring: best code match, then actors. */
            int arank = rank * 4 + (same_actor(x->source, ev[k].source) ? 2 : 0) +
                        (same_actor(x->target, ev[k].target) ? 1 : 0);
            if (arank > best_rank) {
                best_rank = arank;
                best = &ev[k];
            }
        }
        covered += nev > 0;
        root_ok += has_root;
        exact += has_exact;
        full += has_full;
        if (has_root)
            conf_ok[gr]++;
        else if (nev)
            conf_wrong[gr][root_of(ev[0].code) <= 20 ? root_of(ev[0].code) : 0]++;
        if (x->source[0]) {
            src_n++;
            src_ok += best && same_actor(x->source, best->source);
        }
        if (x->target[0]) {
            tgt_n++;
            tgt_ok += best && same_actor(x->target, best->target);
        }
        if (misses && !has_full) {
            printf("MISS %s gold %s %s -> %s: %s\n", x->id, x->code, x->source[0] ? x->source : "-",
                   x->target[0] ? x->target : "-", x->sentence);
            for (size_t k = 0; k < nev; k++) {
                dy_buf_reset(&out);
                code_event_write(&out, CODE_OUT_TSV, &d, &an, &ev[k], eng.cam, 1);
                char *tab = out.data;
                /* skip doc, sent, date columns */
                for (int skip = 0; skip < 3 && tab; skip++)
                    tab = strchr(tab + 1, '\t');
                printf("  got %s", tab ? tab + 1 : out.data);
            }
            if (!nev)
                printf("  got nothing\n");
        }
    }
    if (!rc) {
        double n = (double)ng;
        printf("sentences            %zu\n", ng);
        printf("coverage             %.3f\n", covered / n);
        printf("root accuracy        %.3f\n", root_ok / n);
        printf("exact-code accuracy  %.3f\n", exact / n);
        printf("source accuracy      %.3f  (%ld rows with a gold source)\n",
               src_n ? (double)src_ok / src_n : 0.0, src_n);
        printf("target accuracy      %.3f  (%ld rows with a gold target)\n",
               tgt_n ? (double)tgt_ok / tgt_n : 0.0, tgt_n);
        printf("full accuracy        %.3f  (root + source + target country)\n", full / n);
        printf("actor recall         %.3f  (gold actor country among the mentions, %ld slots)\n",
               act_n ? (double)act_found / act_n : 0.0, act_n);
        printf("events per sentence  %.3f\n", events / n);
        printf("off-root per sentence %.3f\n", offroot / n);
        printf("by root: gold n, root right, most frequent wrong first root\n");
        for (int r = 1; r <= 20; r++) {
            if (!conf_n[r])
                continue;
            int wr = -1;
            long wn = 0;
            for (int q = 0; q <= 20; q++)
                if (conf_wrong[r][q] > wn) {
                    wn = conf_wrong[r][q];
                    wr = q;
                }
            printf("  %02d  %3ld  %3ld", r, conf_n[r], conf_ok[r]);
            if (wr >= 0)
                printf("   %02d x%ld", wr, wn);
            printf("\n");
        }
    }
    dy_buf_free(&out);
    dy_arena_free(a);
    cli_engine_close(&eng);
    free_gold(g, ng);
    return rc;
}
