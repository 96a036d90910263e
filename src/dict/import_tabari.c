/* import_tabari.c - TABARI dictionaries: actors and agents
 * (import_actors.c) and verb dictionaries (.verbs: roots, patterns,
 * <SYNSETS>), converted to dyad's format. docs/import.md describes the
 * mapping. */
#include "dict/import_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

/* Strip a ';' comment (and a '#' at the start); returns the new length. */
static size_t uncomment(char *s, size_t n)
{
    char *h = memchr(s, ';', n);
    if (h)
        n = (size_t)(h - s);
    size_t k = 0;
    while (k < n && isspace((unsigned char)s[k]))
        k++;
    if (k < n && s[k] == '#')
        n = 0;
    s[n] = '\0';
    return n;
}

/* The verb root line "WORD[_WORD] [WORDS] [CODE]" (with optional {forms}). */
static uint32_t root_line(imp_ctx *c, const char *t, size_t n)
{
    uint32_t id = imp_entry_new(c, c->lineno);
    if (!id)
        return 0;
    const char *br = memchr(t, '[', n);
    const char *cu = memchr(t, '{', n);
    size_t pn = n;
    if (cu)
        pn = (size_t)(cu - t);
    if (br && (size_t)(br - t) < pn)
        pn = (size_t)(br - t);
    char lemma[64], particle[128], code[8] = "";
    if (imp_verb_phrase(t, pn, lemma, sizeof lemma, particle, sizeof particle)) {
        imp_fail(c, id, c->lineno, "verb is not a plain word or phrase: \"%.*s\"", (int)pn, t);
        return id;
    }
    if (br) {
        const char *e = memchr(br, ']', n - (size_t)(br - t));
        if (!e || imp_event_code(br + 1, (size_t)(e - br - 1), code)) {
            imp_fail(c, id, c->lineno, "bad verb code: \"%.*s\"", (int)(n - (size_t)(br - t)), br);
            return id;
        }
    }
    imp_buf forms = {0};
    if (cu && (!br || cu < br)) {
        const char *e = memchr(cu, '}', n - (size_t)(cu - t));
        const char *p = cu + 1;
        int k = 0;
        while (e && p < e) {
            while (p < e && (isspace((unsigned char)*p) || *p == '+' || *p == '|'))
                p++;
            const char *q = p;
            while (q < e && !isspace((unsigned char)*q) && *q != '_' && *q != '|')
                q++;
            int ok = q > p && (size_t)(q - p) < 64;
            for (const char *x = p; ok && x < q; x++)
                ok = isalpha((unsigned char)*x) || *x == '\'' || *x == '-';
            if (ok) {
                if (k++)
                    imp_buf_adds(&forms, " | ");
                for (const char *x = p; x < q; x++)
                    imp_buf_addc(&forms, (char)tolower((unsigned char)*x));
            }
            while (q < e && !isspace((unsigned char)*q))
                q++;
            p = q;
        }
    }
    imp_buf h = {0};
    uint32_t npat = 0;
    imp_verb_head(&h, c, c->lineno, lemma, particle, forms.s, code, &npat);
    imp_emit(c, id, 0, npat, &h);
    imp_buf_free(&h);
    imp_buf_free(&forms);
    return id;
}

/* A pattern line "- PATTERN [CODE]" of verb vid (0: none). */
static void tabari_pattern(imp_ctx *c, uint32_t vid, const char *t, size_t n, const char *particle)
{
    uint32_t id = imp_entry_new(c, c->lineno);
    if (!id)
        return;
    if (!vid) {
        imp_fail(c, id, c->lineno, "pattern before the first verb");
        return;
    }
    const char *br = NULL;
    for (size_t i = n; i-- > 0;)
        if (t[i] == '[') {
            br = t + i;
            break;
        }
    const char *e = br ? memchr(br, ']', n - (size_t)(br - t)) : NULL;
    char code[8];
    if (!br || !e) {
        imp_fail(c, id, c->lineno, "pattern without [CODE]");
        return;
    }
    if (imp_event_code(br + 1, (size_t)(e - br - 1), code)) {
        imp_fail(c, id, c->lineno, "bad event code [%.*s]", (int)(e - br - 1), br + 1);
        return;
    }
    imp_buf el = {0};
    const char *why = imp_pattern(c, IMP_SYN_TABARI, t + 1, (size_t)(br - t) - 1, particle, &el);
    if (why) {
        imp_fail(c, id, c->lineno, "%s: \"%.*s\"", why, (int)(br - t) - 1, t + 1);
    } else {
        imp_buf x = {0};
        imp_buf_addf(&x, "  %s ", code);
        imp_buf_add(&x, el.s, el.n);
        imp_emit(c, id, vid, 1, &x);
        imp_buf_free(&x);
    }
    imp_buf_free(&el);
}

/* TABARI .verbs files. */
static int tabari_verbs(imp_ctx *c)
{
    imp_buf members = {0};
    char sname[64] = "", lemma[64], particle[128] = "";
    uint32_t sid = 0, vid = 0;
    int nm = 0, section = 0; /* 1 = <SYNSETS>, 2 = another section */
    imp_buf hdr = {0};
    imp_buf_addf(&hdr, "# Verbs converted by `dyad dict import tabari` from %s.\n"
                       "# Third-party data: see the source's license before sharing.\n\n",
                 c->path);
    imp_emit(c, 0, 0, 0, &hdr);
    imp_buf_free(&hdr);
    while (!c->oom && imp_next_line(c)) {
        char *s = c->line.s;
        size_t n = uncomment(s, c->line.n);
        const char *t = imp_trim(s, &n);
        if (n == 0)
            continue;
        if (t[0] == '<') {
            if (sid) {
                if (nm && !imp_class_add(c, sname)) {
                    imp_buf b = {0};
                    imp_class_line(&b, sname, &members);
                    imp_emit(c, sid, 0, 0, &b);
                    imp_buf_free(&b);
                } else if (!nm) {
                    imp_fail(c, sid, c->ent[sid].line, "synset %s has no usable member", sname);
                }
                members.n = 0;
                sid = 0;
            }
            if (t[1] == '/')
                section = 0;
            else if (n >= 9 && memcmp(t, "<SYNSETS>", 9) == 0)
                section = 1;
            else {
                section = 2;
                imp_fail_line(c, c->lineno, "section %.*s is not converted", (int)n, t);
            }
            continue;
        }
        if (section == 2)
            continue;
        if (section == 1) {
            if (t[0] == '&') {
                if (sid) {
                    if (nm && !imp_class_add(c, sname)) {
                        imp_buf b = {0};
                        imp_class_line(&b, sname, &members);
                        imp_emit(c, sid, 0, 0, &b);
                        imp_buf_free(&b);
                    } else if (!nm) {
                        imp_fail(c, sid, c->ent[sid].line, "synset %s has no usable member",
                                 sname);
                    }
                    members.n = 0;
                }
                imp_class_name(t + 1, n - 1, sname, sizeof sname);
                sid = imp_entry_new(c, c->lineno);
                nm = 0;
                if (!sname[0]) {
                    imp_fail(c, sid, c->lineno, "synset without a name");
                    sid = 0;
                }
            } else if (t[0] == '+' && sid) {
                imp_buf w = {0};
                if (imp_member(t + 1, n - 1, &w) == 0) {
                    imp_buf_add(&members, w.s, w.n);
                    imp_buf_addc(&members, '\n');
                    nm++;
                } else {
                    imp_fail_line(c, c->lineno,
                                  "synset member with pattern syntax (&, $, +): \"%.*s\"", (int)n,
                                  t);
                }
                imp_buf_free(&w);
            } else {
                imp_fail_line(c, c->lineno, "unexpected line in <SYNSETS>");
            }
            continue;
        }
        if (t[0] == '-') {
            tabari_pattern(c, vid, t, n, particle);
            continue;
        }
        if (!isalpha((unsigned char)t[0]) && t[0] != '+') {
            imp_fail_line(c, c->lineno, "unexpected line: expected a verb or a pattern");
            continue;
        }
        vid = root_line(c, t, n);
        particle[0] = '\0';
        if (vid && !c->ent[vid].failed) {
            const char *br = memchr(t, '[', n);
            size_t pn = br ? (size_t)(br - t) : n;
            const char *cu = memchr(t, '{', pn);
            if (cu)
                pn = (size_t)(cu - t);
            if (imp_verb_phrase(t, pn, lemma, sizeof lemma, particle, sizeof particle))
                particle[0] = '\0';
        }
    }
    imp_buf_free(&members);
    if (c->oom)
        return dy_err_set(c->err, DY_ENOMEM, c->path, c->lineno, -1, "out of memory");
    return 0;
}

/* See import_internal.h. */
int dict_import_tabari(const char *path, const char *outdir, dict_report_fn report, void *ud,
                       dict_import_stats *st, dy_err *err)
{
    imp_ctx c;
    int rc = imp_open(&c, "tabari", path, report, ud, err);
    if (rc)
        return rc;
    int kind = imp_detect(&c);
    if (kind == IMP_KIND_VERBS)
        rc = tabari_verbs(&c);
    else if (kind == IMP_KIND_AGENTS)
        rc = imp_convert_agents(&c, ';');
    else
        rc = imp_convert_actors(&c, ';');
    if (!rc)
        rc = imp_finish(&c, kind == IMP_KIND_VERBS ? IMP_OUT_VERBS : IMP_OUT_ACTORS, outdir, st);
    imp_close(&c);
    return rc;
}
