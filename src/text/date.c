/* date.c - calendar dates with a precision: parsing, formatting, arithmetic. */
#include "text/text.h"

#include <stdio.h>
#include <string.h>

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int txt_days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

/* Read exactly k digits at s[*i]; returns the value or -1. */
static int digits(const char *s, size_t n, size_t *i, int k)
{
    int v = 0;
    for (int j = 0; j < k; j++) {
        if (*i >= n || s[*i] < '0' || s[*i] > '9')
            return -1;
        v = v * 10 + (s[(*i)++] - '0');
    }
    return v;
}

int txt_date_parse(const char *s, size_t n, txt_date *out)
{
    size_t i = 0;
    txt_date d = {0, 0, 0, TXT_PREC_YEAR};
    d.year = digits(s, n, &i, 4);
    if (d.year < 1)
        return DY_EPARSE;
    if (i < n && s[i] == '-') {
        i++;
        d.month = digits(s, n, &i, 2);
        if (d.month < 1 || d.month > 12)
            return DY_EPARSE;
        d.prec = TXT_PREC_MONTH;
        if (i < n && s[i] == '-') {
            i++;
            d.day = digits(s, n, &i, 2);
            if (d.day < 1 || d.day > txt_days_in_month(d.year, d.month))
                return DY_EPARSE;
            d.prec = TXT_PREC_DAY;
        }
    }
    if (i < n) {
        /* A timestamp: only after a full date, "T" or " " then a time. */
        if (d.prec != TXT_PREC_DAY || (s[i] != 'T' && s[i] != 't' && s[i] != ' '))
            return DY_EPARSE;
        i++;
        int hh = digits(s, n, &i, 2);
        if (hh < 0 || hh > 24 || i >= n || s[i] != ':')
            return DY_EPARSE;
        /* The rest (minutes, seconds, fraction, zone) is checked loosely: only
         * the characters a timestamp can contain. */
        for (; i < n; i++) {
            char c = s[i];
            if (!((c >= '0' && c <= '9') || c == ':' || c == '.' || c == '+' ||
                  c == '-' || c == 'Z' || c == 'z'))
                return DY_EPARSE;
        }
    }
    *out = d;
    return 0;
}

int txt_date_format(const txt_date *d, char out[static 11])
{
    /* Clamp every field to its width so that the result always fits and
     * the returned length is the real one, even for a corrupt date. */
    int y = d->year < 0 ? 0 : d->year > 9999 ? 9999 : d->year;
    int m = d->month < 0 ? 0 : d->month > 99 ? 99 : d->month;
    int dd = d->day < 0 ? 0 : d->day > 99 ? 99 : d->day;
    /* Written digit by digit: this runs once per output event. */
    int n;
    switch (d->prec) {
    case TXT_PREC_DAY: n = 10; break;
    case TXT_PREC_MONTH: n = 7; break;
    case TXT_PREC_YEAR:
    case TXT_PREC_DECADE: n = 4; break;
    default:
        out[0] = '\0';
        return 0;
    }
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    if (n > 4) {
        out[4] = '-';
        out[5] = (char)('0' + m / 10);
        out[6] = (char)('0' + m % 10);
    }
    if (n > 7) {
        out[7] = '-';
        out[8] = (char)('0' + dd / 10);
        out[9] = (char)('0' + dd % 10);
    }
    out[n] = '\0';
    return n;
}

const char *txt_prec_name(int prec)
{
    switch (prec) {
    case TXT_PREC_DAY: return "day";
    case TXT_PREC_MONTH: return "month";
    case TXT_PREC_YEAR: return "year";
    case TXT_PREC_DECADE: return "decade";
    default: return "none";
    }
}

int txt_date_cmp(const txt_date *a, const txt_date *b)
{
    long ka = (long)a->year * 10000 + (a->month ? a->month : 1) * 100 + (a->day ? a->day : 1);
    long kb = (long)b->year * 10000 + (b->month ? b->month : 1) * 100 + (b->day ? b->day : 1);
    return (ka > kb) - (ka < kb);
}

/* Days since 1970-01-01 (proleptic Gregorian), Howard Hinnant's algorithm. */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int txt_weekday(int y, int m, int d)
{
    long z = days_from_civil(y, m, d);
    /* 1970-01-01 was a Thursday (3 when Monday = 0). */
    long w = (z + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

/* Only a day-precision date with a valid month has a day to move; anything
 * else is returned unchanged rather than turned into a bogus day. */
txt_date txt_date_add_days(txt_date d, int n)
{
    if (d.prec != TXT_PREC_DAY || d.month < 1 || d.month > 12)
        return d;
    txt_date r = d;
    civil_from_days(days_from_civil(d.year, d.month, d.day) + n, &r.year, &r.month, &r.day);
    return r;
}

/* Contract: see text.h. */
int txt_date_valid(const txt_date *d)
{
    if (!d || d->year < TXT_YEAR_MIN || d->year > TXT_YEAR_MAX)
        return 0;
    switch (d->prec) {
    case TXT_PREC_DAY:
        return d->month >= 1 && d->month <= 12 && d->day >= 1 &&
               d->day <= txt_days_in_month(d->year, d->month);
    case TXT_PREC_MONTH: return d->month >= 1 && d->month <= 12 && d->day == 0;
    case TXT_PREC_YEAR: return d->month == 0 && d->day == 0;
    case TXT_PREC_DECADE: return d->month == 0 && d->day == 0 && d->year % 10 == 0;
    default: return 0;
    }
}
