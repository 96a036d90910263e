/* import_actors.c - actor and agent dictionaries of PETRARCH2/Phoenix and
 * TABARI (the two share one format) converted to dyad's actor format.
 * docs/import.md describes the mapping. */
#include "dict/dict_internal.h"
#include "dict/import_internal.h"
#include "core/actor_code.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"

#define MAX_CODES 64
#define MAX_FORMS 256

typedef struct acode {
    char code[32];
    char from[11], to[11];
} acode;

/* The entry being collected. */
typedef struct actor {
    uint32_t id;        /* 0 = none open */
    long line;
    imp_buf names;      /* forms separated by '\n' */
    size_t nnames;
    acode codes[MAX_CODES];
    size_t ncodes;
    int nullcode;       /* had [---] */
    int bad;            /* already reported */
} actor;

/* Strip comments from line s (in place): '#' and cm anywhere, <!-- -->
 * across lines (*in_html keeps the state). Returns the new length. */
static size_t strip_comment(char *s, size_t n, char cm, int *in_html)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (*in_html) {
            if (i + 2 < n && s[i] == '-' && s[i + 1] == '-' && s[i + 2] == '>') {
                *in_html = 0;
                i += 2;
            }
            continue;
        }
        if (i + 3 < n && memcmp(s + i, "<!--", 4) == 0) {
            *in_html = 1;
            i += 3;
            continue;
        }
        if (s[i] == '#' || (cm && s[i] == cm))
            break;
        s[w++] = s[i];
    }
    s[w] = '\0';
    return w;
}

/* Add form text (already converted) to the entry unless it is a duplicate,
 * empty, or not representable (holds '|'). */
static void add_name(actor *a, const char *f, size_t n)
{
    f = imp_trim(f, &n);
    if (n == 0 || a->nnames >= MAX_FORMS || memchr(f, '|', n))
        return;
    int alnum = 0;
    for (size_t i = 0; i < n; i++)
        alnum |= isalnum((unsigned char)f[i]) || (unsigned char)f[i] >= 0x80;
    if (!alnum)
        return;
    const char *s = a->names.s;
    size_t i = 0;
    while (s && i < a->names.n) {
        const char *e = memchr(s + i, '\n', a->names.n - i);
        size_t l = (size_t)(e - (s + i));
        if (l == n && strncasecmp(s + i, f, n) == 0)
            return;
        i += l + 1;
    }
    imp_buf_add(&a->names, f, n);
    imp_buf_addc(&a->names, '\n');
    a->nnames++;
}

/* Convert a source phrase into forms: underscores become spaces; a
 * parenthesised part "(AAIA)" becomes a form of its own. */
static void add_phrase(actor *a, const char *s, size_t n, int mode)
{
    s = imp_trim(s, &n);
    const char *op = memchr(s, '(', n);
    const char *cl = op ? memchr(op, ')', n - (size_t)(op - s)) : NULL;
    imp_buf f = {0};
    if (op && cl) {
        imp_buf raw = {0};
        imp_buf_add(&raw, s, (size_t)(op - s));
        imp_buf_addc(&raw, ' ');
        imp_buf_add(&raw, cl + 1, n - (size_t)(cl + 1 - s));
        imp_form(&f, raw.s, raw.n, mode);
        add_name(a, f.s, f.n);
        f.n = 0;
        imp_form(&f, op + 1, (size_t)(cl - op - 1), mode);
        add_name(a, f.s, f.n);
        imp_buf_free(&raw);
    } else {
        imp_buf raw = {0};
        for (size_t i = 0; i < n; i++)
            imp_buf_addc(&raw, (s[i] == '(' || s[i] == ')') ? ' ' : s[i]);
        imp_form(&f, raw.s ? raw.s : "", raw.n, mode);
        add_name(a, f.s, f.n);
        imp_buf_free(&raw);
    }
    imp_buf_free(&f);
}

/* Parse the bracketed code "[CODE [date spec]]" content s. Returns NULL or
 * the reason it cannot be converted. */
static const char *parse_code(actor *a, const char *s, size_t n)
{
    s = imp_trim(s, &n);
    size_t k = 0;
    while (k < n && !isspace((unsigned char)s[k]))
        k++;
    if (k == 0)
        return "empty code []";
    if (k == 3 && memcmp(s, "---", 3) == 0) {
        a->nullcode = 1;
        return NULL;
    }
    if (memchr(s, '~', k))
        return "agent code (~) in an actor entry";
    char code[32];
    if (k >= sizeof code)
        return "code too long";
    for (size_t i = 0; i < k; i++)
        code[i] = (char)toupper((unsigned char)s[i]);
    code[k] = '\0';
    if (!imp_code_ok(code, k))
        return "code is not made of capitals and digits";
    acode c = {{0}, "", ""};
    memcpy(c.code, code, k + 1);
    const char *d = s + k;
    size_t dn = n - k;
    d = imp_trim(d, &dn);
    if (dn) {
        /* drop inner spaces ("< 991201") */
        char spec[64];
        size_t sn = 0;
        for (size_t i = 0; i < dn && sn + 1 < sizeof spec; i++)
            if (!isspace((unsigned char)d[i]))
                spec[sn++] = d[i];
        spec[sn] = '\0';
        if (spec[0] == '<' || spec[0] == '>') {
            if (imp_date(spec + 1, sn - 1, spec[0] == '<' ? c.to : c.from))
                return "bad date in code period (expected YYMMDD or YYYYMMDD)";
        } else {
            const char *dash = memchr(spec, '-', sn);
            if (!dash || imp_date(spec, (size_t)(dash - spec), c.from) ||
                imp_date(dash + 1, sn - (size_t)(dash - spec) - 1, c.to))
                return "bad code period (expected <DATE, >DATE or DATE-DATE)";
        }
    }
    if (a->ncodes >= MAX_CODES)
        return "too many codes";
    a->codes[a->ncodes++] = c;
    return NULL;
}

/* Parse every "[...]" of s into a; reports and marks the entry on error. */
static void parse_codes(imp_ctx *c, actor *a, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *o = memchr(s + i, '[', n - i);
        if (!o)
            break;
        const char *e = memchr(o, ']', n - (size_t)(o - s));
        if (!e) {
            imp_fail(c, a->id, c->lineno, "missing ']' after code");
            return;
        }
        const char *why = parse_code(a, o + 1, (size_t)(e - o - 1));
        if (why) {
            imp_fail(c, a->id, c->lineno, "%s: [%.*s]", why, (int)(e - o - 1), o + 1);
            return;
        }
        i = (size_t)(e - s) + 1;
    }
}

static int is_org_code(const char *code)
{
    return dy_actor_org_prefix(code); /* the one rule: core/actor_code.h */
}

/* Choose dyad's kind (see docs/import.md). */
static int actor_kind(const actor *a, int milfile)
{
    for (size_t i = 0; i < a->ncodes; i++) {
        const acode *k = &a->codes[i];
        size_t l = strlen(k->code);
        if (l >= 6 && ((k->from[0] || k->to[0]) || strcmp(k->code + l - 3, "ELI") == 0))
            return DICT_PERSON;
    }
    const char *c0 = a->codes[0].code;
    size_t l = strlen(c0);
    if (is_org_code(c0))
        return DICT_ORG;
    if (milfile || strncmp(c0, "IMG", 3) == 0)
        return DICT_GROUP;
    if (l == 3)
        return DICT_STATE;
    if (l >= 6) {
        static const char *const grp[] = {"REB", "INS", "SEP", "UAF", "OPP", "PTY",
                                          "RAD", "CRM", "IMG", NULL};
        for (int i = 0; grp[i]; i++)
            if (strncmp(c0 + 3, grp[i], 3) == 0)
                return DICT_GROUP;
    }
    return DICT_ORG;
}

/* Write the collected entry (or report why not) and reset a. */
static void finish_actor(imp_ctx *c, actor *a, int milfile)
{
    if (!a->id)
        return;
    if (!c->ent[a->id].failed) {
        /* A bare role code ([ELI]) next to real codes: dyad's person rule
         * (nearest term + ELI) covers it. */
        size_t w = 0;
        size_t real = 0;
        for (size_t i = 0; i < a->ncodes; i++)
            real += !(strlen(a->codes[i].code) == 3 && dict_role_known(a->codes[i].code) &&
                      !is_org_code(a->codes[i].code));
        for (size_t i = 0; i < a->ncodes; i++) {
            int role = strlen(a->codes[i].code) == 3 && dict_role_known(a->codes[i].code) &&
                       !is_org_code(a->codes[i].code);
            if (role && real)
                continue;
            a->codes[w++] = a->codes[i];
        }
        a->ncodes = w;
        if (a->ncodes == 0)
            imp_fail(c, a->id, a->line,
                     a->nullcode ? "entry has only the null code [---]: nothing to code"
                                 : "entry has no code");
        else if (a->nnames == 0)
            imp_fail(c, a->id, a->line, "entry has no usable name");
    }
    if (!c->ent[a->id].failed) {
        imp_buf b = {0};
        int kind = actor_kind(a, milfile);
        const char *first = a->names.s;
        size_t fl = (size_t)((const char *)memchr(first, '\n', a->names.n) - first);
        imp_buf_addf(&b, "# %s:%ld\n%s %.*s\n", imp_base(c->path), a->line, dict_kind_name(kind), (int)fl,
                     first);
        for (size_t i = 0; i < a->ncodes; i++) {
            const acode *k = &a->codes[i];
            if (k->from[0] || k->to[0])
                imp_buf_addf(&b, "  code %s %s..%s\n", k->code, k->from, k->to);
            else
                imp_buf_addf(&b, "  code %s\n", k->code);
        }
        /* Several name lines keep the lines short. */
        size_t i = 0, on = 0;
        while (i < a->names.n) {
            const char *e = memchr(a->names.s + i, '\n', a->names.n - i);
            size_t l = (size_t)(e - (a->names.s + i));
            imp_buf_adds(&b, on % 8 == 0 ? (on ? "\n  name " : "  name ") : " | ");
            imp_buf_add(&b, a->names.s + i, l);
            on++;
            i += l + 1;
        }
        imp_buf_addc(&b, '\n');
        imp_emit(c, a->id, 0, (uint32_t)a->nnames, &b);
        imp_buf_free(&b);
    }
    imp_buf_free(&a->names);
    memset(a, 0, sizeof *a);
}

/* See import_internal.h. */
int imp_convert_actors(imp_ctx *c, char cm)
{
    actor *a = dy_calloc(1, sizeof *a);
    if (!a)
        return dy_err_set(c->err, DY_ENOMEM, c->path, 0, -1, "out of memory");
    int milfile = strstr(c->path, "MilNonState") != NULL;
    int in_html = 0, section = 0;
    imp_buf hdr = {0};
    imp_buf_addf(&hdr, "# Converted by `dyad dict import %s` from %s.\n"
                       "# Third-party data: see the source's license before sharing.\n\n",
                 c->format, c->path);
    imp_emit(c, 0, 0, 0, &hdr);
    imp_buf_free(&hdr);
    while (imp_next_line(c)) {
        char *s = c->line.s;
        int indented = s[0] == ' ' || s[0] == '\t';
        size_t n = strip_comment(s, strlen(s), cm, &in_html);
        const char *t = imp_trim(s, &n);
        if (n == 0)
            continue;
        if (t[0] == '<') { /* TABARI <NOUN> ... </NOUN> part-of-speech lists */
            section = t[1] != '/';
            continue;
        }
        if (section)
            continue;
        (void)indented; /* an indented phrase is still a phrase */
        if (t[0] == '[') {
            if (!a->id) {
                imp_fail_line(c, c->lineno, "code line outside an entry");
                continue;
            }
            parse_codes(c, a, t, n);
            continue;
        }
        if (t[0] == '+') {
            if (!a->id) {
                imp_fail_line(c, c->lineno, "synonym line (+) outside an entry");
                continue;
            }
            const char *br = memchr(t, '[', n);
            size_t pn = br ? (size_t)(br - t) - 1 : n - 1;
            add_phrase(a, t + 1, pn, IMP_CASE_TITLE);
            if (br)
                parse_codes(c, a, br, n - (size_t)(br - t));
            continue;
        }
        const char *br0 = memchr(t, '[', n);
        if (a->id && a->ncodes == 0 && !a->nullcode && !c->ent[a->id].failed && !br0 &&
            !memchr(t, '{', n) && !memchr(t, '~', n)) {
            /* Phrase lines in a row without codes share the codes that
             * follow them: one entry. */
            add_phrase(a, t, n, IMP_CASE_TITLE);
            continue;
        }
        finish_actor(c, a, milfile);
        a->id = imp_entry_new(c, c->lineno);
        if (!a->id)
            break;
        a->line = c->lineno;
        const char *br = memchr(t, '[', n);
        size_t pn = br ? (size_t)(br - t) : n;
        if (memchr(t, '{', pn) || memchr(t, '~', n)) {
            imp_fail(c, a->id, c->lineno, "agent or verb syntax in an actor file");
            continue;
        }
        add_phrase(a, t, pn, IMP_CASE_TITLE);
        if (br)
            parse_codes(c, a, br, n - (size_t)(br - t));
    }
    finish_actor(c, a, milfile);
    dy_free(a);
    if (c->oom)
        return dy_err_set(c->err, DY_ENOMEM, c->path, c->lineno, -1, "out of memory");
    return 0;
}

/* ---- agents ---------------------------------------------------------------- */

#define MAX_MACROS 32
#define MAX_SUBST 16

typedef struct macro {
    char name[32];             /* "!PERSON!" */
    char val[MAX_SUBST][32];
    int nval;
} macro;

/* "!NAME! = A, B, C" */
static int parse_macro(macro *m, const char *s, size_t n)
{
    const char *e = memchr(s + 1, '!', n - 1);
    const char *eq = memchr(s, '=', n);
    if (!e || !eq || eq < e || (size_t)(e - s) + 1 >= sizeof m->name)
        return -1;
    memset(m, 0, sizeof *m);
    memcpy(m->name, s, (size_t)(e - s) + 1);
    const char *p = eq + 1, *end = s + n;
    while (p < end && m->nval < MAX_SUBST) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        size_t l = comma ? (size_t)(comma - p) : (size_t)(end - p);
        const char *v = imp_trim(p, &l);
        if (l && l < sizeof m->val[0]) {
            memcpy(m->val[m->nval], v, l);
            m->val[m->nval][l] = '\0';
            m->nval++;
        }
        if (!comma)
            break;
        p = comma + 1;
    }
    return m->nval ? 0 : -1;
}

/* Add phrase s with its !MACRO! expanded (depth-limited) as agent forms. */
static int expand(actor *a, const macro *ms, int nm, const char *s, size_t n, int depth)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '!')
            continue;
        const char *e = memchr(s + i + 1, '!', n - i - 1);
        if (!e)
            break;
        size_t ml = (size_t)(e - (s + i)) + 1;
        for (int k = 0; k < nm; k++) {
            if (strlen(ms[k].name) != ml || memcmp(ms[k].name, s + i, ml) != 0)
                continue;
            if (depth > 3)
                return -1;
            for (int v = 0; v < ms[k].nval; v++) {
                imp_buf x = {0};
                imp_buf_add(&x, s, i);
                imp_buf_adds(&x, ms[k].val[v]);
                imp_buf_add(&x, e + 1, n - (size_t)(e + 1 - s));
                int rc = x.oom ? -1 : expand(a, ms, nm, x.s, x.n, depth + 1);
                imp_buf_free(&x);
                if (rc)
                    return rc;
            }
            return 0;
        }
        return -2; /* unknown macro */
    }
    add_phrase(a, s, n, IMP_CASE_LOWER);
    return 0;
}

/* CAMEO religion codes: not roles in dyad's list, but "country + code" is a
 * valid CAMEO actor code (IRQMUS), so they are kept as roles. */
static int religion_code(const char *s)
{
    static const char *const rel[] = {"MUS", "CHR", "JEW", "BUD", "HIN", "REL", "CTH", "PRO",
                                      "ORT", "SHI", "SUN", "SFI", "ATH", "BAH", "CON", "DOX",
                                      "JAN", "ITH", "MOS", "PAG", "SIK", "TAO", "ZRO", "ALE",
                                      "DRZ", "ANG", NULL};
    for (int i = 0; rel[i]; i++)
        if (strncmp(s, rel[i], 3) == 0)
            return 1;
    return 0;
}

/* Role for agent code s (without '~'): out gets the role, note a remark.
 * Returns NULL or the reason it cannot be converted. */
static const char *agent_role(const char *s, size_t n, char out[8], const char **note)
{
    char code[32];
    *note = NULL;
    if (n == 0 || n >= sizeof code || n % 3 != 0)
        return "agent code is not a sequence of 3-letter codes";
    for (size_t i = 0; i < n; i++) {
        if (!isalpha((unsigned char)s[i]))
            return "agent code is not a sequence of 3-letter codes";
        code[i] = (char)toupper((unsigned char)s[i]);
    }
    code[n] = '\0';
    if (n == 3 && dict_role_known(code)) {
        memcpy(out, code, 4);
        return NULL;
    }
    char first[4] = {code[0], code[1], code[2], 0};
    if (dict_role_known(first) || religion_code(first)) {
        memcpy(out, first, 4);
        *note = n > 3 ? "composite code, first part kept" : "CAMEO religion code";
        return NULL;
    }
    for (size_t i = 3; i < n; i += 3) {
        char part[4] = {code[i], code[i + 1], code[i + 2], 0};
        if (dict_role_known(part)) {
            memcpy(out, part, 4);
            *note = "composite code, first known role kept";
            return NULL;
        }
    }
    return "not a role code dyad knows";
}

/* See import_internal.h. */
int imp_convert_agents(imp_ctx *c, char cm)
{
    actor *a = dy_calloc(1, sizeof *a);
    macro *ms = dy_calloc(MAX_MACROS, sizeof *ms);
    if (!a || !ms) {
        dy_free(a);
        dy_free(ms);
        return dy_err_set(c->err, DY_ENOMEM, c->path, 0, -1, "out of memory");
    }
    int nm = 0, in_html = 0;
    imp_buf hdr = {0};
    imp_buf_addf(&hdr, "# Agents converted by `dyad dict import %s` from %s.\n"
                       "# Third-party data: see the source's license before sharing.\n\n",
                 c->format, c->path);
    imp_emit(c, 0, 0, 0, &hdr);
    imp_buf_free(&hdr);
    while (imp_next_line(c)) {
        char *s = c->line.s;
        size_t n = strip_comment(s, strlen(s), cm, &in_html);
        const char *t = imp_trim(s, &n);
        if (n == 0)
            continue;
        if (t[0] == '!' && memchr(t, '=', n)) {
            if (nm == MAX_MACROS || parse_macro(&ms[nm], t, n))
                imp_fail_line(c, c->lineno, "bad substitution line (expected !NAME! = A, B)");
            else
                nm++;
            continue;
        }
        uint32_t id = imp_entry_new(c, c->lineno);
        if (!id)
            break;
        memset(a, 0, sizeof *a);
        a->id = id;
        a->line = c->lineno;
        if (t[0] == '+')
            t++, n--;
        const char *br = memchr(t, '[', n);
        const char *cu = memchr(t, '{', n);
        size_t pn = cu && (!br || cu < br) ? (size_t)(cu - t) : br ? (size_t)(br - t) : n;
        if (!br) {
            imp_fail(c, id, c->lineno, "agent has no [~CODE]");
            continue;
        }
        const char *be = memchr(br, ']', n - (size_t)(br - t));
        if (!be) {
            imp_fail(c, id, c->lineno, "missing ']' after code");
            continue;
        }
        int rc = expand(a, ms, nm, t, pn, 0);
        if (cu && (!br || cu < br)) {
            const char *ce = memchr(cu, '}', n - (size_t)(cu - t));
            if (!ce) {
                imp_fail(c, id, c->lineno, "missing '}' after plural forms");
                imp_buf_free(&a->names);
                continue;
            }
            const char *p = cu + 1;
            while (!rc && p < ce) {
                while (p < ce && isspace((unsigned char)*p))
                    p++;
                const char *q = p;
                while (q < ce && !isspace((unsigned char)*q))
                    q++;
                if (q > p)
                    rc = expand(a, ms, nm, p, (size_t)(q - p), 0);
                p = q;
            }
        }
        if (rc) {
            imp_fail(c, id, c->lineno, rc == -2 ? "unknown !SUBSTITUTION! in phrase"
                                                 : "substitutions nested too deeply");
            imp_buf_free(&a->names);
            continue;
        }
        /* the code: "[~GOV]", "[GOV~]", "[ ~OPP]" */
        char raw[32];
        size_t rn = 0;
        int tilde = 0;
        for (const char *p = br + 1; p < be; p++) {
            if (*p == '~')
                tilde = 1;
            else if (!isspace((unsigned char)*p) && rn + 1 < sizeof raw)
                raw[rn++] = *p;
        }
        raw[rn] = '\0';
        char role[8];
        const char *note;
        const char *why = !tilde ? "agent code without '~'" : agent_role(raw, rn, role, &note);
        if (why) {
            imp_fail(c, id, c->lineno, "%s: [%.*s]", why, (int)(be - br - 1), br + 1);
            imp_buf_free(&a->names);
            continue;
        }
        if (a->nnames == 0) {
            imp_fail(c, id, c->lineno, "agent has no usable name");
            imp_buf_free(&a->names);
            continue;
        }
        imp_buf b = {0};
        const char *first = a->names.s;
        size_t fl = (size_t)((const char *)memchr(first, '\n', a->names.n) - first);
        imp_buf_addf(&b, "# %s:%ld\nagent %.*s\n  role %s", imp_base(c->path), c->lineno, (int)fl, first,
                     role);
        if (note)
            imp_buf_addf(&b, "  # [%s]: %s", raw, note);
        imp_buf_adds(&b, "\n  name ");
        size_t i = 0, on = 0;
        while (i < a->names.n) {
            const char *e = memchr(a->names.s + i, '\n', a->names.n - i);
            size_t l = (size_t)(e - (a->names.s + i));
            if (on++)
                imp_buf_adds(&b, " | ");
            imp_buf_add(&b, a->names.s + i, l);
            i += l + 1;
        }
        imp_buf_addc(&b, '\n');
        imp_emit(c, id, 0, (uint32_t)a->nnames, &b);
        imp_buf_free(&b);
        imp_buf_free(&a->names);
    }
    imp_buf_free(&a->names);
    dy_free(a);
    dy_free(ms);
    if (c->oom)
        return dy_err_set(c->err, DY_ENOMEM, c->path, c->lineno, -1, "out of memory");
    return 0;
}
