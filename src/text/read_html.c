/* read_html.c - the article in a web page: title, main text, date, URL.
 *
 * News pages carry far more boilerplate (menus, share buttons, related
 * stories, cookie banners) than article text, and every word of boilerplate
 * is a chance for a false event. So the extractor first narrows the page to
 * its main content (<article>, <main>, role=main, else <body>) and then drops
 * the elements that are boilerplate by tag or by class/id. The rules are
 * documented in docs/input.md.
 */
#include "text/read_internal.h"

#include <ctype.h>
#include <gumbo.h>
#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "core/alloc.h"
#include "core/buf.h"

/* Deeper content is ignored: real pages nest a few dozen levels, and a
 * bound keeps the recursive walks safe on hostile input. */
#define MAX_DEPTH 400
/* A list item whose text is at least this share link text is navigation. */
#define LINK_LIST_PERCENT 70
#define JSONLD_MAX_DEPTH 16
/* gumbo's tree construction checks scopes by walking the stack of open
 * elements, so its time grows with the square of the nesting depth (50,000
 * nested <div>s take seconds, a million hours). Pages nested deeper than
 * this (estimated before parsing) are refused; real pages stay below 100. */
#define MAX_NESTING 2000

/* ---- small helpers ---------------------------------------------------- */

static const char *attr(const GumboNode *n, const char *name)
{
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE)
        return NULL;
    const GumboAttribute *a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? a->value : NULL;
}

static int is_el(const GumboNode *n, GumboTag t)
{
    return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == t;
}

static const GumboVector *children(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
        return &n->v.element.children;
    if (n->type == GUMBO_NODE_DOCUMENT)
        return &n->v.document.children;
    return NULL;
}

/* Parse a date attribute value, tolerating surrounding blanks. Returns 0
 * and fills *d, or DY_EPARSE. */
static int parse_date_str(const char *s, size_t n, txt_date *d)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return n ? txt_date_parse(s, n, d) : DY_EPARSE;
}

/* Does the space-separated token list v contain tok (ASCII case-insensitive)? */
static int has_token(const char *v, const char *tok)
{
    size_t k = strlen(tok);
    while (v && *v) {
        while (*v && isspace((unsigned char)*v))
            v++;
        size_t n = 0;
        while (v[n] && !isspace((unsigned char)v[n]))
            n++;
        if (n == k && strncasecmp(v, tok, k) == 0)
            return 1;
        v += n;
    }
    return 0;
}

/* Is a class or id value boilerplate? Long keywords match anywhere
 * ("site-footer", "shareBar"); short ones must start or end a word
 * ("navbar", "main-nav", "topmenu") and "ad" must be a whole word ("ad",
 * "ads", "ad-slot"), so that "header", "shadow" or "loading" do not match. */
static int boilerplate_name(const char *v)
{
    static const char *const anywhere[] = {"footer", "sidebar", "share", "social",
                                           "cookie", "breadcrumb", "related", "advert"};
    static const char *const edge[] = {"nav", "menu"};
    char low[256];
    size_t n = 0;
    for (; v[n] && n < sizeof low - 1; n++)
        low[n] = (char)tolower((unsigned char)v[n]);
    low[n] = '\0';
    for (size_t i = 0; i < sizeof anywhere / sizeof *anywhere; i++)
        if (strstr(low, anywhere[i]))
            return 1;
    size_t i = 0;
    while (i < n) {
        while (i < n && !isalnum((unsigned char)low[i]))
            i++;
        size_t j = i;
        while (j < n && isalnum((unsigned char)low[j]))
            j++;
        size_t wl = j - i;
        if (wl) {
            const char *w = low + i;
            if ((wl == 2 && memcmp(w, "ad", 2) == 0) || (wl == 3 && memcmp(w, "ads", 3) == 0))
                return 1;
            for (size_t e = 0; e < sizeof edge / sizeof *edge; e++) {
                size_t el = strlen(edge[e]);
                if (wl >= el && (memcmp(w, edge[e], el) == 0 ||
                                 memcmp(w + wl - el, edge[e], el) == 0))
                    return 1;
            }
        }
        i = j;
    }
    return 0;
}

static int skip_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE:
    case GUMBO_TAG_MATH: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_MENU:
        return 1;
    default:
        return 0;
    }
}

static int block_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_LI: case GUMBO_TAG_BR: case GUMBO_TAG_TR: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_DD: case GUMBO_TAG_TABLE: case GUMBO_TAG_PRE: case GUMBO_TAG_HR:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_BODY: case GUMBO_TAG_HTML: case GUMBO_TAG_CENTER:
        return 1;
    default:
        return 0;
    }
}

/* ---- text building ---------------------------------------------------- */

/* Output with collapsed white space: runs of blanks become one space, block
 * boundaries one blank line, nothing leading or trailing. */
typedef struct tbuild {
    dy_buf b;
    int space, brk;
} tbuild;

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void tb_text(tbuild *t, const char *s)
{
    size_t i = 0;
    while (s[i]) {
        unsigned char c = (unsigned char)s[i];
        if (is_ws(c) || (c == 0xC2 && (unsigned char)s[i + 1] == 0xA0)) {
            t->space = 1;
            i += c == 0xC2 ? 2 : 1;
            continue;
        }
        size_t j = i;
        while (s[j] && !is_ws((unsigned char)s[j]) &&
               !((unsigned char)s[j] == 0xC2 && (unsigned char)s[j + 1] == 0xA0))
            j++;
        if (t->b.len) {
            if (t->brk)
                dy_buf_add(&t->b, "\n\n", 2);
            else if (t->space)
                dy_buf_addc(&t->b, ' ');
        }
        t->brk = t->space = 0;
        dy_buf_add(&t->b, s + i, j - i);
        i = j;
    }
}

/* Non-blank bytes of text under n, and how many of them are inside <a>. */
static void count_text(const GumboNode *n, int in_link, int depth, size_t *all,
                       size_t *link)
{
    if (depth > MAX_DEPTH)
        return;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
        for (const char *s = n->v.text.text; *s; s++)
            if (!is_ws((unsigned char)*s)) {
                ++*all;
                if (in_link)
                    ++*link;
            }
        return;
    }
    const GumboVector *ch = children(n);
    if (!ch || (n->type == GUMBO_NODE_ELEMENT && skip_tag(n->v.element.tag)))
        return;
    int l = in_link || is_el(n, GUMBO_TAG_A);
    for (unsigned i = 0; i < ch->length; i++)
        count_text(ch->data[i], l, depth + 1, all, link);
}

/* Should element n (not the extraction root) be left out? */
static int boilerplate(const GumboNode *n)
{
    GumboTag t = n->v.element.tag;
    if (skip_tag(t))
        return 1;
    if (attr(n, "hidden"))
        return 1;
    const char *ah = attr(n, "aria-hidden");
    if (ah && strcasecmp(ah, "true") == 0)
        return 1;
    const char *role = attr(n, "role");
    if (role && (has_token(role, "navigation") || has_token(role, "banner") ||
                 has_token(role, "contentinfo") || has_token(role, "complementary")))
        return 1;
    /* The containers that hold the article are exempt from the class rule:
     * <body class="has-sidebar"> is common and says nothing about its text. */
    if (t != GUMBO_TAG_BODY && t != GUMBO_TAG_HTML && t != GUMBO_TAG_ARTICLE &&
        t != GUMBO_TAG_MAIN) {
        const char *cl = attr(n, "class"), *id = attr(n, "id");
        if ((cl && boilerplate_name(cl)) || (id && boilerplate_name(id)))
            return 1;
    }
    if (t == GUMBO_TAG_LI) {
        size_t all = 0, link = 0;
        count_text(n, 0, 0, &all, &link);
        if (all > 0 && link * 100 >= all * LINK_LIST_PERCENT)
            return 1;
    }
    return 0;
}

/* Append the readable text under n. filter: apply the boilerplate rules. */
static void extract(tbuild *t, const GumboNode *n, int depth, int filter)
{
    if (depth > MAX_DEPTH)
        return;
    switch (n->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_CDATA:
    case GUMBO_NODE_WHITESPACE:
        tb_text(t, n->v.text.text);
        return;
    case GUMBO_NODE_COMMENT:
    case GUMBO_NODE_TEMPLATE:
        return;
    default:
        break;
    }
    int block = 0, cell = 0;
    if (n->type == GUMBO_NODE_ELEMENT) {
        if (depth > 0 && filter && boilerplate(n))
            return;
        GumboTag tag = n->v.element.tag;
        block = block_tag(tag);
        cell = tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH;
    }
    if (block)
        t->brk = 1;
    if (cell)
        t->space = 1;
    const GumboVector *ch = children(n);
    for (unsigned i = 0; ch && i < ch->length; i++)
        extract(t, ch->data[i], depth + 1, filter);
    if (block)
        t->brk = 1;
    if (cell)
        t->space = 1;
}

/* Collapsed text under n as a new string (NULL when empty or out of memory;
 * *oom tells which). */
static char *node_text(const GumboNode *n, int filter, int *oom)
{
    tbuild t = {0};
    extract(&t, n, 0, filter);
    if (t.b.oom) {
        *oom = 1;
        dy_buf_free(&t.b);
        return NULL;
    }
    if (t.b.len == 0) {
        dy_buf_free(&t.b);
        return NULL;
    }
    return dy_buf_take(&t.b);
}

/* ---- page scan -------------------------------------------------------- */

typedef struct page {
    const GumboNode *title_el, *h1, *main, *role_main, *body;
    const GumboNode *articles[32];
    size_t narticles;
    const GumboNode *jsonld[16];
    size_t njsonld;
    const char *og_title, *canonical, *og_url;
    txt_date meta_pub;   /* article:published_time */
    txt_date meta_date;  /* other date metas, itemprop=datePublished */
} page;

/* Date meta names other than article:published_time, lower case. */
static int date_meta_name(const char *v)
{
    static const char *const names[] = {"date", "pubdate", "dc.date", "dc.date.issued",
                                        "og:published_time", "dcterms.date",
                                        "dcterms.issued", "publish-date", "publishdate"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcasecmp(v, names[i]) == 0)
            return 1;
    return 0;
}

static void scan_meta(page *p, const GumboNode *n)
{
    const char *content = attr(n, "content");
    if (!content)
        return;
    const char *prop = attr(n, "property");
    const char *name = attr(n, "name");
    const char *ip = attr(n, "itemprop");
    txt_date d;
    for (int k = 0; k < 2; k++) {
        const char *key = k ? name : prop;
        if (!key)
            continue;
        if (strcasecmp(key, "og:title") == 0 && !p->og_title)
            p->og_title = content;
        else if (strcasecmp(key, "og:url") == 0 && !p->og_url)
            p->og_url = content;
        else if (strcasecmp(key, "article:published_time") == 0) {
            if (p->meta_pub.prec == TXT_PREC_NONE &&
                parse_date_str(content, strlen(content), &d) == 0)
                p->meta_pub = d;
        } else if (date_meta_name(key)) {
            if (p->meta_date.prec == TXT_PREC_NONE &&
                parse_date_str(content, strlen(content), &d) == 0)
                p->meta_date = d;
        }
    }
    if (ip && strcasecmp(ip, "datePublished") == 0 && p->meta_date.prec == TXT_PREC_NONE &&
        parse_date_str(content, strlen(content), &d) == 0)
        p->meta_date = d;
}

/* One pass over the page collecting what the extraction needs. */
static void scan(page *p, const GumboNode *n, int depth, int in_article)
{
    if (depth > MAX_DEPTH)
        return;
    if (n->type == GUMBO_NODE_ELEMENT) {
        switch (n->v.element.tag) {
        case GUMBO_TAG_META:
            scan_meta(p, n);
            break;
        case GUMBO_TAG_LINK: {
            const char *rel = attr(n, "rel"), *href = attr(n, "href");
            if (rel && href && *href && !p->canonical && has_token(rel, "canonical"))
                p->canonical = href;
            break;
        }
        case GUMBO_TAG_TITLE:
            if (!p->title_el)
                p->title_el = n;
            break;
        case GUMBO_TAG_H1:
            if (!p->h1)
                p->h1 = n;
            break;
        case GUMBO_TAG_MAIN:
            if (!p->main)
                p->main = n;
            break;
        case GUMBO_TAG_BODY:
            if (!p->body)
                p->body = n;
            break;
        case GUMBO_TAG_ARTICLE:
            /* Nested articles (comments, embedded posts) are part of their
             * outer article, not candidates of their own. */
            if (!in_article && p->narticles < sizeof p->articles / sizeof *p->articles)
                p->articles[p->narticles++] = n;
            in_article = 1;
            break;
        case GUMBO_TAG_SCRIPT: {
            const char *type = attr(n, "type");
            if (type && strcasecmp(type, "application/ld+json") == 0 &&
                p->njsonld < sizeof p->jsonld / sizeof *p->jsonld)
                p->jsonld[p->njsonld++] = n;
            return;
        }
        default:
            break;
        }
        const char *role = attr(n, "role");
        if (role && !p->role_main && has_token(role, "main"))
            p->role_main = n;
    }
    const GumboVector *ch = children(n);
    for (unsigned i = 0; ch && i < ch->length; i++)
        scan(p, ch->data[i], depth + 1, in_article);
}

/* First datePublished in a JSON-LD value: an object, an array of objects,
 * or an object with an @graph array; the object itself first, then what it
 * contains, in document order. */
static int jsonld_date(json_t *v, int depth, txt_date *d)
{
    if (depth > JSONLD_MAX_DEPTH)
        return 0;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
            if (jsonld_date(e, depth + 1, d))
                return 1;
        return 0;
    }
    if (!json_is_object(v))
        return 0;
    json_t *dp = json_object_get(v, "datePublished");
    if (json_is_string(dp) &&
        parse_date_str(json_string_value(dp), json_string_length(dp), d) == 0)
        return 1;
    const char *key;
    json_t *e;
    json_object_foreach(v, key, e)
        if ((json_is_object(e) || json_is_array(e)) && jsonld_date(e, depth + 1, d))
            return 1;
    return 0;
}

/* First <time datetime> (or itemprop=datePublished content) under n. */
static int time_date(const GumboNode *n, int depth, txt_date *d)
{
    if (depth > MAX_DEPTH)
        return 0;
    if (is_el(n, GUMBO_TAG_TIME)) {
        const char *dt = attr(n, "datetime");
        if (dt && parse_date_str(dt, strlen(dt), d) == 0)
            return 1;
    }
    const GumboVector *ch = children(n);
    for (unsigned i = 0; ch && i < ch->length; i++)
        if (time_date(ch->data[i], depth + 1, d))
            return 1;
    return 0;
}

/* Raw text content of an element (a <script>'s JSON, a <title>). */
static const char *first_text(const GumboNode *n)
{
    const GumboVector *ch = children(n);
    for (unsigned i = 0; ch && i < ch->length; i++) {
        const GumboNode *c = ch->data[i];
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA ||
            c->type == GUMBO_NODE_WHITESPACE)
            return c->v.text.text;
    }
    return NULL;
}

/* Collapse the white space of a short attribute or title string; NULL when
 * empty or out of memory (*oom says which). */
static char *collapse(const char *s, int *oom)
{
    tbuild t = {0};
    tb_text(&t, s);
    if (t.b.oom) {
        *oom = 1;
        dy_buf_free(&t.b);
        return NULL;
    }
    return t.b.len ? dy_buf_take(&t.b) : (dy_buf_free(&t.b), NULL);
}

/* Replace *s by its cleaned (NFC) form; entity decoding can produce
 * unnormalised text or CRs. Returns 0 or DY_ENOMEM. */
static int renormalise(char **s, size_t *len)
{
    if (!*s)
        return 0;
    size_t n = strlen(*s), on;
    char *c;
    txt_clean_ctx ctx = {0};
    if (txt_clean_ex(*s, n, &ctx, &c, &on))
        return DY_ENOMEM;
    dy_free(*s);
    *s = c;
    if (len)
        *len = on;
    return 0;
}

/* Elements that never stay open: void elements, and those closed by their
 * next sibling in practice (<p>, <li>, <td> ...), which pages often leave
 * unclosed. */
static int non_nesting(const char *name, size_t n)
{
    static const char *const names[] = {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr", "p", "li", "td", "th", "tr", "dt",
        "dd", "option", "optgroup", "frame", "keygen", "basefont", "bgsound"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i]) == n && strncasecmp(name, names[i], n) == 0)
            return 1;
    return 0;
}

/* An upper estimate of the element nesting of src[0..n): open tags minus
 * close tags, ignoring elements that cannot nest, comments and the raw
 * text of <script> and <style>. Stops counting once over limit. */
static long nesting_estimate(const char *s, size_t n, long limit)
{
    long depth = 0, max = 0;
    size_t i = 0;
    while (i < n && max <= limit) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            break;
        i = (size_t)(lt - s) + 1;
        if (i + 3 <= n && memcmp(s + i, "!--", 3) == 0) {
            size_t j = i + 3;
            while (j + 3 <= n && memcmp(s + j, "-->", 3) != 0)
                j++;
            i = j + 3;
            continue;
        }
        int close = i < n && s[i] == '/';
        size_t a = i + (size_t)close, b = a;
        while (b < n && isalnum((unsigned char)s[b]))
            b++;
        if (b == a || !isalpha((unsigned char)s[a]))
            continue;
        const char *gt = memchr(s + b, '>', n - b);
        size_t end = gt ? (size_t)(gt - s) : n;
        int selfclose = end > b && s[end - 1] == '/';
        if (close) {
            if (!non_nesting(s + a, b - a) && depth > 0)
                depth--;
        } else if (!selfclose && !non_nesting(s + a, b - a)) {
            if (++depth > max)
                max = depth;
            /* Raw text: "<div" inside a script is not a tag. */
            const char *raw = (b - a == 6 && strncasecmp(s + a, "script", 6) == 0) ? "</script"
                              : (b - a == 5 && strncasecmp(s + a, "style", 5) == 0) ? "</style"
                                                                                    : NULL;
            if (raw) {
                size_t rl = strlen(raw), j = end;
                while (j + rl <= n && strncasecmp(s + j, raw, rl) != 0)
                    j++;
                end = j;
            }
        }
        i = end;
    }
    return max;
}

/* See read_internal.h. */
int txt_html_extract(const char *src, size_t n, const char *path,
                     const txt_read_opts *o, txt_doc **out, dy_err *err)
{
    *out = NULL;
    if (nesting_estimate(src, n, MAX_NESTING) > MAX_NESTING)
        return dy_err_set(err, DY_ESKIP, path, 0, -1,
                          "HTML nested more than %d elements deep (expected a web "
                          "page): skipped",
                          MAX_NESTING);
    GumboOutput *g = gumbo_parse_with_options(&kGumboDefaultOptions, src, n);
    if (!g)
        return dy_err_set(err, DY_ENOMEM, path, 0, -1, "HTML parser failed (out of memory)");
    page p = {0};
    scan(&p, g->document, 0, 0);
    int oom = 0;
    txt_doc *d = txt_doc_new(path, path);
    if (!d) {
        oom = 1;
        goto done;
    }

    /* Main content: the longest top-level <article> (pages listing teasers
     * have several), else <main>, role=main, <body>. */
    const GumboNode *root = NULL;
    char *text = NULL;
    size_t best = 0;
    for (size_t i = 0; i < p.narticles; i++) {
        char *t = node_text(p.articles[i], 1, &oom);
        size_t tl = t ? strlen(t) : 0;
        if (tl > best) {
            dy_free(text);
            text = t;
            best = tl;
            root = p.articles[i];
        } else {
            dy_free(t);
        }
    }
    const GumboNode *fallback[] = {p.main, p.role_main, p.body, g->root};
    for (size_t i = 0; !text && !oom && i < sizeof fallback / sizeof *fallback; i++) {
        if (!fallback[i])
            continue;
        text = node_text(fallback[i], 1, &oom);
        root = fallback[i];
    }
    if (oom) {
        dy_free(text);
        goto done;
    }
    d->text = text ? text : dy_strdup("");
    if (!d->text || renormalise(&d->text, &d->len)) {
        oom = 1;
        goto done;
    }

    if (p.og_title)
        d->title = collapse(p.og_title, &oom);
    if (!d->title && !oom && p.title_el) {
        const char *tt = first_text(p.title_el);
        if (tt)
            d->title = collapse(tt, &oom);
    }
    if (!d->title && !oom && p.h1)
        d->title = node_text(p.h1, 0, &oom);
    const char *url = p.canonical ? p.canonical : p.og_url;
    if (url && !oom)
        d->url = collapse(url, &oom);
    if (oom || renormalise(&d->title, NULL) || renormalise(&d->url, NULL)) {
        oom = 1;
        goto done;
    }

    /* Date: explicit publication metadata first, then JSON-LD, then the
     * first <time> of the article (a <time> elsewhere may date anything). */
    txt_date date = {0};
    if (p.meta_pub.prec != TXT_PREC_NONE)
        date = p.meta_pub;
    else if (p.meta_date.prec != TXT_PREC_NONE)
        date = p.meta_date;
    for (size_t i = 0; date.prec == TXT_PREC_NONE && i < p.njsonld; i++) {
        const char *js = first_text(p.jsonld[i]);
        if (!js)
            continue;
        json_t *j = json_loads(js, 0, NULL);
        if (j) {
            txt_date jd;
            if (jsonld_date(j, 0, &jd))
                date = jd;
            json_decref(j);
        }
    }
    if (date.prec == TXT_PREC_NONE && root)
        time_date(root, 0, &date);
    d->date = date.prec != TXT_PREC_NONE ? date : o->default_date;

done:
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    if (oom) {
        txt_doc_free(d);
        return dy_err_set(err, DY_ENOMEM, path, 0, -1, "out of memory extracting HTML");
    }
    *out = d;
    return 1;
}
