/* lemma.c - lemmas for display (dyad parse): the commonest irregular
 * English verbs from a table, regular inflection by rule, and the model's
 * lexicon to choose among the stems a rule allows ("expelled": expel, not
 * expell; "violated": violate, not violat). The verb dictionary matches
 * word forms itself, so lemmas here need only be right for the common
 * cases. */
#include "syntax/syntax_internal.h"

#include <string.h>

/* Irregular forms -> base form. */
static const char *const irregular[][2] = {
    {"is", "be"}, {"are", "be"}, {"was", "be"}, {"were", "be"}, {"been", "be"},
    {"am", "be"}, {"'s", "be"}, {"'re", "be"}, {"'m", "be"}, {"being", "be"},
    {"has", "have"}, {"had", "have"}, {"'ve", "have"}, {"'d", "would"},
    {"does", "do"}, {"did", "do"}, {"done", "do"}, {"n't", "not"}, {"ca", "can"},
    {"wo", "will"}, {"'ll", "will"}, {"said", "say"}, {"says", "say"},
    {"went", "go"}, {"gone", "go"}, {"goes", "go"}, {"made", "make"},
    {"took", "take"}, {"taken", "take"}, {"met", "meet"}, {"held", "hold"},
    {"told", "tell"}, {"gave", "give"}, {"given", "give"}, {"came", "come"},
    {"sent", "send"}, {"left", "leave"}, {"led", "lead"}, {"fought", "fight"},
    {"struck", "strike"}, {"shot", "shoot"}, {"sought", "seek"}, {"brought", "bring"},
    {"began", "begin"}, {"begun", "begin"}, {"broke", "break"}, {"broken", "break"},
    {"spoke", "speak"}, {"spoken", "speak"}, {"saw", "see"}, {"seen", "see"},
    {"knew", "know"}, {"known", "know"}, {"thought", "think"}, {"found", "find"},
    {"got", "get"}, {"gotten", "get"}, {"kept", "keep"}, {"won", "win"},
    {"lost", "lose"}, {"paid", "pay"}, {"became", "become"}, {"chose", "choose"},
    {"chosen", "choose"}, {"drew", "draw"}, {"drawn", "draw"}, {"threw", "throw"},
    {"thrown", "throw"}, {"withdrew", "withdraw"}, {"withdrawn", "withdraw"},
    {"wrote", "write"}, {"written", "write"}, {"rose", "rise"}, {"risen", "rise"},
    {"fell", "fall"}, {"fallen", "fall"}, {"ran", "run"}, {"stood", "stand"},
    {"understood", "understand"}, {"forbade", "forbid"}, {"forbidden", "forbid"},
    {"bought", "buy"}, {"sold", "sell"}, {"heard", "hear"}, {"meant", "mean"},
    {"felt", "feel"}, {"built", "build"}, {"spent", "spend"}, {"hit", "hit"},
    {"fled", "flee"}, {"bled", "bleed"}, {"fed", "feed"}, {"hung", "hang"},
    {"laid", "lay"}, {"lay", "lie"}, {"lain", "lie"}, {"overthrew", "overthrow"},
    {"overthrown", "overthrow"}, {"undertook", "undertake"}, {"undertaken", "undertake"},
    {"swore", "swear"}, {"sworn", "swear"}, {"stole", "steal"}, {"stolen", "steal"},
    {"froze", "freeze"}, {"frozen", "freeze"}, {"seized", "seize"}, {"shook", "shake"},
    {"shaken", "shake"}, {"slew", "slay"}, {"slain", "slay"}};

static size_t copy(char *out, size_t cap, const char *s, size_t n)
{
    if (cap == 0)
        return 0;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, s, n);
    out[n] = '\0';
    return n;
}

static int ends(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n > k && memcmp(s + n - k, suf, k) == 0;
}

static int vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* "stopped" -> "stop", "agreed" -> "agree", "hoped" is left "hop": rules
 * cannot tell, and only display needs it. */
static size_t verb_stem(const char *s, size_t n, char *out, size_t cap)
{
    if (ends(s, n, "ied") || ends(s, n, "ies")) {
        size_t k = copy(out, cap, s, n - 3);
        return k + copy(out + k, cap - k, "y", 1);
    }
    size_t cut = ends(s, n, "eed") ? 1 : ends(s, n, "ed") ? 2 : ends(s, n, "ing") ? 3 : 0;
    if (!cut) {
        if (ends(s, n, "sses") || ends(s, n, "ches") || ends(s, n, "shes") || ends(s, n, "xes") ||
            ends(s, n, "zes") || ends(s, n, "oes"))
            cut = 2;
        else if (ends(s, n, "s") && !ends(s, n, "ss"))
            cut = 1;
        return copy(out, cap, s, n - cut);
    }
    size_t m = n - cut;
    if (m >= 3 && cut >= 2 && s[m - 1] == s[m - 2] && !vowel(s[m - 1]) && s[m - 1] != 'l' &&
        s[m - 1] != 's')
        m--; /* doubled consonant */
    return copy(out, cap, s, m);
}

static size_t noun_stem(const char *s, size_t n, char *out, size_t cap)
{
    if (ends(s, n, "ies") && n > 4) {
        size_t k = copy(out, cap, s, n - 3);
        return k + copy(out + k, cap - k, "y", 1);
    }
    if (ends(s, n, "sses") || ends(s, n, "ches") || ends(s, n, "shes") || ends(s, n, "xes"))
        return copy(out, cap, s, n - 2);
    if (ends(s, n, "s") && !ends(s, n, "ss") && !ends(s, n, "us") && !ends(s, n, "is"))
        return copy(out, cap, s, n - 1);
    return copy(out, cap, s, n);
}

/* Is s[0..n) a base form of the wanted class in the model's lexicon? */
static int known(const syn_model *m, const char *s, size_t n, uint16_t cls)
{
    return m && n > 0 && (syn_lexicon_get(&m->lex, txt_hash(s, n)) & cls) != 0;
}

/* The stem of a regular -ed/-ing form that the lexicon knows as a verb:
 * the bare stem, the stem with an "e" ("violat" + e), or the stem with its
 * doubled consonant undone ("expell" - l). Returns 0 when none is known. */
static size_t known_verb_stem(const syn_model *m, const char *s, size_t n, char *out, size_t cap)
{
    size_t cut = ends(s, n, "ing") ? 3 : ends(s, n, "ed") ? 2 : 0;
    if (!cut || n - cut < 2)
        return 0;
    size_t k = n - cut;
    char buf[96];
    if (k + 1 >= sizeof buf)
        return 0;
    memcpy(buf, s, k);
    if (known(m, buf, k, SYN_LEX_V))
        return copy(out, cap, buf, k);
    buf[k] = 'e';
    if (known(m, buf, k + 1, SYN_LEX_V))
        return copy(out, cap, buf, k + 1);
    if (k >= 3 && buf[k - 1] == buf[k - 2] && known(m, buf, k - 1, SYN_LEX_V))
        return copy(out, cap, buf, k - 1);
    return 0;
}

/* Contract in syntax.h. */
size_t syn_lemma(const syn_model *m, const txt_token *tok, int upos, int xpos, char *out,
                 size_t cap)
{
    const char *s = tok->norm;
    size_t n = tok->norm_len;
    if (xpos == SYN_XPOS_POS)
        return copy(out, cap, s, n); /* the possessive 's */
    if (upos == SYN_VERB || upos == SYN_AUX || upos == SYN_PART) {
        for (size_t i = 0; i < sizeof irregular / sizeof *irregular; i++)
            if (strlen(irregular[i][0]) == n && memcmp(irregular[i][0], s, n) == 0)
                return copy(out, cap, irregular[i][1], strlen(irregular[i][1]));
        if (upos != SYN_PART && xpos != SYN_XPOS_VB && xpos != SYN_XPOS_VBP &&
            xpos != SYN_XPOS_MD) {
            size_t k = known_verb_stem(m, s, n, out, cap);
            return k ? k : verb_stem(s, n, out, cap);
        }
    }
    if ((upos == SYN_NOUN || upos == SYN_PROPN) &&
        (xpos == SYN_XPOS_NNS || xpos == SYN_XPOS_NNPS))
        return noun_stem(s, n, out, cap);
    return copy(out, cap, s, n);
}
