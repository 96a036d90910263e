/* test_html.c - HTML reader: main text, boilerplate removal, title, URL,
 * every date source, JSON-LD forms, malformed pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "text/text.h"

#define DATA DYAD_SRCDIR "/tests/data/read/"

static char tmpdir[64];
static int nfiles;

static int setup(void **st)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/dyad_test_html_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **st)
{
    char p[128];
    for (int i = 0; i < nfiles; i++) {
        snprintf(p, sizeof p, "%s/p%d.html", tmpdir, i);
        unlink(p);
    }
    rmdir(tmpdir);
    return 0;
}

/* Read the single document of an HTML file; fails the test otherwise. */
static txt_doc *read_path(const char *path)
{
    txt_read_opts o = {0};
    o.default_date = (txt_date){2020, 1, 1, TXT_PREC_DAY};
    txt_reader *r;
    dy_err e;
    if (txt_reader_open(path, &o, &r, &e))
        fail_msg("open %s: %s", path, e.msg);
    assert_int_equal(txt_reader_format(r), TXT_IN_HTML);
    txt_doc *d = NULL;
    int rc = txt_reader_next(r, &d, &e);
    if (rc != 1)
        fail_msg("next %s: %d %s", path, rc, e.msg);
    txt_doc *d2;
    assert_int_equal(txt_reader_next(r, &d2, &e), 0);
    txt_reader_close(r);
    return d;
}

/* Write html to a fresh .html file in the temporary directory and read it. */
static txt_doc *read_str(const char *html)
{
    char p[128];
    snprintf(p, sizeof p, "%s/p%d.html", tmpdir, nfiles++);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs(html, f);
    fclose(f);
    return read_path(p);
}

static void assert_date(const txt_date *d, int y, int m, int day)
{
    assert_int_equal(d->year, y);
    assert_int_equal(d->month, m);
    assert_int_equal(d->day, day);
    assert_int_equal(d->prec, day ? TXT_PREC_DAY : m ? TXT_PREC_MONTH : TXT_PREC_YEAR);
}

static void test_article(void **st)
{
    txt_doc *d = read_path(DATA "article.html");
    assert_string_equal(d->text,
                        "Ministers meet in Geneva\n\n"
                        "The foreign ministers of France and Germany met on Tuesday.\n\n"
                        "They discussed trade and security.\n\n"
                        "A statement followed.\n\n"
                        "First point of the agreement, with details.\n\n"
                        "Caf\xC3\xA9 talks & more news.");
    assert_int_equal(d->len, strlen(d->text));
    assert_string_equal(d->title, "Ministers meet in Geneva");
    assert_string_equal(d->url, "https://news.example/geneva");
    assert_string_equal(d->id, DATA "article.html");
    assert_string_equal(d->path, DATA "article.html");
    /* article:published_time beats the other sources on the page. */
    assert_date(&d->date, 2023, 9, 13);
    txt_doc_free(d);
}

static void test_title_fallbacks(void **st)
{
    txt_doc *d = read_str("<html><head><title>  Page\n title </title></head>"
                          "<body><h1>Heading</h1><p>x</p></body></html>");
    assert_string_equal(d->title, "Page title");
    txt_doc_free(d);
    d = read_str("<html><body><h1>The <em>heading</em></h1><p>x</p></body></html>");
    assert_string_equal(d->title, "The heading");
    txt_doc_free(d);
    d = read_str("<html><body><p>No title at all.</p></body></html>");
    assert_null(d->title);
    assert_null(d->url);
    txt_doc_free(d);
    d = read_str("<html><head><meta property=\"og:url\" content=\"https://e.x/og\">"
                 "</head><body>b</body></html>");
    assert_string_equal(d->url, "https://e.x/og");
    txt_doc_free(d);
}

static void test_main_content_choice(void **st)
{
    txt_doc *d = read_str("<body><div>Menu text</div><main><p>In main.</p></main>"
                          "<div>After</div></body>");
    assert_string_equal(d->text, "In main.");
    txt_doc_free(d);
    d = read_str("<body><div>Outside</div><div role=\"main\"><p>Role main.</p></div></body>");
    assert_string_equal(d->text, "Role main.");
    txt_doc_free(d);
    /* Pages listing teasers: the longest article is the story. */
    d = read_str("<body><article><p>Teaser.</p></article>"
                 "<article><p>The full story is longer than the teaser.</p>"
                 "<article><p>Nested comment.</p></article></article></body>");
    assert_string_equal(d->text,
                        "The full story is longer than the teaser.\n\nNested comment.");
    txt_doc_free(d);
    d = read_str("<body><p>Just a body.</p><p>Two paragraphs.</p></body>");
    assert_string_equal(d->text, "Just a body.\n\nTwo paragraphs.");
    txt_doc_free(d);
}

static void test_boilerplate(void **st)
{
    txt_doc *d = read_str(
        "<body>"
        "<div class=\"navbar\">nav1</div><div class=\"main-nav\">nav2</div>"
        "<div id=\"topMenu\">menu</div><div class=\"ad-slot\">ad1</div>"
        "<div class=\"ads\">ad2</div><div class=\"advertisement\">ad3</div>"
        "<div class=\"breadcrumbs\">crumbs</div><div class=\"related-links\">rel</div>"
        "<div class=\"socialBar\">soc</div><div class=\"site-footer\">foot</div>"
        "<div hidden>hidden</div><div aria-hidden=\"true\">aria</div>"
        "<div role=\"navigation\">rolenav</div>"
        "<form><p>form</p></form><noscript>ns</noscript><template>tpl</template>"
        "<iframe src=\"x\"></iframe><svg><text>svg</text></svg>"
        "<button>btn</button><select><option>opt</option></select>"
        "<div class=\"header-image\">Kept: header is not a keyword.</div>"
        "<div class=\"shadow loading\">Kept: no whole-word ad.</div>"
        "<ul><li>Talks with <a href=\"/iran\">Iran</a> resumed on Monday.</li>"
        "<li><a href=\"/1\">Link only</a></li>"
        "<li> <a href=\"/2\">Mostly a link</a> (2)</li></ul>"
        "</body>");
    assert_string_equal(d->text, "Kept: header is not a keyword.\n\n"
                                 "Kept: no whole-word ad.\n\n"
                                 "Talks with Iran resumed on Monday.");
    txt_doc_free(d);
}

static void test_date_metas(void **st)
{
    static const char *const pages[] = {
        "<head><meta name=\"date\" content=\"2021-02-03\"></head><body>x</body>",
        "<head><meta name=\"pubdate\" content=\"2021-02-03T08:00:00Z\"></head><body>x</body>",
        "<head><meta name=\"dc.date\" content=\"2021-02-03\"></head><body>x</body>",
        "<head><meta name=\"DC.date.issued\" content=\" 2021-02-03 \"></head><body>x</body>",
        "<head><meta property=\"og:published_time\" content=\"2021-02-03\"></head><body>x</body>",
        "<head><meta property=\"article:published_time\" content=\"2021-02-03T23:59:00-05:00\">"
        "</head><body>x</body>",
        "<body><meta itemprop=\"datePublished\" content=\"2021-02-03\"><p>x</p></body>",
        /* An unparsable meta is passed over for the next source. */
        "<head><meta name=\"date\" content=\"yesterday\">"
        "<meta name=\"pubdate\" content=\"2021-02-03\"></head><body>x</body>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        txt_doc *d = read_str(pages[i]);
        assert_date(&d->date, 2021, 2, 3);
        txt_doc_free(d);
    }
}

static void test_date_jsonld(void **st)
{
    static const char *const pages[] = {
        /* object */
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"datePublished\":\"2021-03-04\"}</script><p>x</p>",
        /* array */
        "<script type=\"application/ld+json\">[{\"@type\":\"Organization\",\"name\":\"N\"},"
        "{\"@type\":\"NewsArticle\",\"datePublished\":\"2021-03-04T05:06:07+01:00\"}]"
        "</script><p>x</p>",
        /* @graph */
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
        "\"@graph\":[{\"@type\":\"WebPage\"},{\"@type\":\"Article\","
        "\"datePublished\":\"2021-03-04\"}]}</script><p>x</p>",
        /* invalid JSON-LD first, a valid block second */
        "<script type=\"application/ld+json\">{broken</script>"
        "<script type=\"application/ld+json\">{\"datePublished\":\"2021-03-04\"}</script>"
        "<p>x</p>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        txt_doc *d = read_str(pages[i]);
        assert_date(&d->date, 2021, 3, 4);
        assert_string_equal(d->text, "x");
        txt_doc_free(d);
    }
    /* JSON-LD beats <time>. */
    txt_doc *d = read_str("<script type=\"application/ld+json\">{\"datePublished\":"
                          "\"2021-03-04\"}</script><article><time datetime=\"2000-01-01\">"
                          "then</time> text</article>");
    assert_date(&d->date, 2021, 3, 4);
    txt_doc_free(d);
}

static void test_date_time_element(void **st)
{
    /* Only a <time> in the main content counts. */
    txt_doc *d = read_str("<body><div class=\"x\"><time datetime=\"1999-09-09\">old</time></div>"
                          "<article><p>On <time datetime=\"2022-06-07T12:00\">Tuesday</time>"
                          " it happened.</p><time datetime=\"2022-01-01\">x</time></article>"
                          "</body>");
    assert_date(&d->date, 2022, 6, 7);
    assert_string_equal(d->text, "On Tuesday it happened.\n\nx");
    txt_doc_free(d);
    d = read_str("<body><article><time datetime=\"2022-06\">June</time></article></body>");
    assert_date(&d->date, 2022, 6, 0);
    txt_doc_free(d);
    /* No date anywhere, or only a bad one: the default date. */
    d = read_str("<body><article><time datetime=\"soon\">x</time></article></body>");
    assert_date(&d->date, 2020, 1, 1);
    txt_doc_free(d);
}

static void test_malformed(void **st)
{
    txt_doc *d = read_path(DATA "malformed.html");
    assert_string_equal(d->text, "One\n\nTwo bold both italic\n\nThree\n\n"
                                 "cell a cell b\n\n"
                                 "Unquoted \xEF\xBF\xBD attrs &bogus; end");
    txt_doc_free(d);

    d = read_str("");
    assert_int_equal(d->len, 0);
    assert_string_equal(d->text, "");
    assert_null(d->title);
    assert_date(&d->date, 2020, 1, 1);
    txt_doc_free(d);

    d = read_str("<<<>>></></p></div><p <p>>&&&&#x110000;&#xD800;</html>");
    assert_int_equal(d->len, strlen(d->text));
    txt_doc_free(d);

    /* Deep nesting: the walk is bounded (content below 400 levels is
     * ignored), shallow text survives. */
    size_t depth = 1500;
    char *deep = malloc(100000 * 6 + 64);
    assert_non_null(deep);
    size_t n = (size_t)sprintf(deep, "<body><p>Top.</p>");
    for (size_t i = 0; i < depth; i++)
        n += (size_t)sprintf(deep + n, "<div>");
    sprintf(deep + n, "deep</body>");
    d = read_str(deep);
    assert_string_equal(d->text, "Top.");
    txt_doc_free(d);

    /* Many elements that do not nest (unclosed <p>, <li>, void elements,
     * tags inside scripts and comments) are not mistaken for depth. */
    n = (size_t)sprintf(deep, "<body><script>var s = '");
    for (size_t i = 0; i < 3000; i++)
        n += (size_t)sprintf(deep + n, "<div>");
    n += (size_t)sprintf(deep + n, "';</script><!-- <div><div><div> -->");
    for (size_t i = 0; i < 3000; i++)
        n += (size_t)sprintf(deep + n, "<p>p<br><img src=x><li>l<span>s</span>");
    sprintf(deep + n, "</body>");
    d = read_str(deep);
    if (strncmp(d->text, "p\n\nls\n\np", 8) != 0)
        fail_msg("text starts \"%.40s\"", d->text);
    txt_doc_free(d);

    /* Pathological nesting, which the HTML parser would take hours over, is
     * refused quickly with a message. */
    n = (size_t)sprintf(deep, "<body>");
    for (size_t i = 0; i < 100000; i++)
        n += (size_t)sprintf(deep + n, "<div>");
    sprintf(deep + n, "x");
    char p[128];
    snprintf(p, sizeof p, "%s/p%d.html", tmpdir, nfiles++);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs(deep, f);
    fclose(f);
    free(deep);
    txt_read_opts o = {0};
    txt_reader *r;
    dy_err e;
    assert_int_equal(txt_reader_open(p, &o, &r, &e), 0);
    assert_int_equal(txt_reader_next(r, &d, &e), DY_ESKIP);
    assert_non_null(strstr(e.msg, "nested more than"));
    assert_string_equal(e.file, p);
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    txt_reader_close(r);
}

static void test_nfc_and_entities(void **st)
{
    /* Decoded entities are normalised too: e + U+0301 from an entity. */
    txt_doc *d = read_str("<p>Cafe&#x301; &lt;b&gt; &#13;x</p>");
    assert_string_equal(d->text, "Caf\xC3\xA9 <b> x");
    txt_doc_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article),
        cmocka_unit_test(test_title_fallbacks),
        cmocka_unit_test(test_main_content_choice),
        cmocka_unit_test(test_boilerplate),
        cmocka_unit_test(test_date_metas),
        cmocka_unit_test(test_date_jsonld),
        cmocka_unit_test(test_date_time_element),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_nfc_and_entities),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
