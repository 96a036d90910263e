# dyad serve: the JSON API and static files (tests/web/api.sh).
. "$ROOT/tests/web/api.sh"
