/* actor.c - what scoring needs to know of a CAMEO actor code: its country
 * part (code_actor_country), and whether it has one at all. */
#include "code/code.h"

#include <string.h>

/* Historical and alternative codes that scoring treats as today's (the
 * EQUIV table of score_articles.py). */
static const char *const equiv[][2] = {
    {"PAL", "PSE"}, {"FRY", "SRB"}, {"YUG", "SRB"}, {"KSV", "SRB"}, {"XKX", "SRB"},
    {"USR", "RUS"}, {"GMW", "DEU"}, {"GME", "DEU"}, {"CZA", "CZE"}, {"ROM", "ROU"},
    {"TMP", "TLS"},
};

/* ASCII white space, as Python's str.strip() removes it from codes. */
static int is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* Bytes of the first n characters (UTF-8) of s[0..len): the reference
 * scorer slices characters, not bytes. A character is a byte and at most
 * three continuation bytes, so n characters fit in 4n bytes even when the
 * input is not valid UTF-8. */
static size_t char_prefix(const char *s, size_t len, size_t n)
{
    size_t i = 0;
    while (i < len && n > 0) {
        size_t end = i + 4 < len ? i + 4 : len;
        i++;
        while (i < end && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        n--;
    }
    return i;
}

size_t code_actor_country(const char *code, char out[static CODE_COUNTRY_MAX])
{
    out[0] = '\0';
    if (!code)
        return 0;
    while (is_space((unsigned char)*code))
        code++;
    size_t len = strlen(code);
    while (len > 0 && is_space((unsigned char)code[len - 1]))
        len--;
    if (len == 0)
        return 0;
    char up[4] = {0};
    for (size_t i = 0; i < 3 && i < len; i++) {
        char c = code[i];
        up[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    const char *from = code;
    if (strcmp(up, "IGO") == 0) {
        from = code + 3;
        len -= 3;
        if (len == 0)
            from = "IGO", len = 3;
    }
    size_t n = char_prefix(from, len, 3);
    for (size_t i = 0; i < n; i++) {
        char c = from[i];
        out[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    out[n] = '\0';
    for (size_t i = 0; i < sizeof equiv / sizeof *equiv; i++)
        if (strcmp(out, equiv[i][0]) == 0) {
            memcpy(out, equiv[i][1], 4);
            return 3;
        }
    return n;
}

int code_actor_role_only(const char *code)
{
    if (!code || strlen(code) < 3)
        return 0;
    char first[4] = {code[0], code[1], code[2], 0};
    if (strcmp(first, "IGO") == 0 || strcmp(first, "NGO") == 0 || strcmp(first, "IMG") == 0)
        return 0;
    return dict_role_known(first);
}
