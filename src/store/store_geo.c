/* store_geo.c - the place of a stored event in the event contract's JSON
 * (docs/exports.md), byte for byte as `dyad code` writes it (event.c). */
#include "store/store.h"

#include <string.h>

void store_event_geo_json(dy_buf *b, const store_event *e)
{
    if (!e->geo_prec) {
        dy_buf_adds(b, ",\"geo\":null");
        return;
    }
    dy_buf_adds(b, ",\"geo\":{\"name\":");
    dy_buf_json_str(b, e->geo_name ? e->geo_name : "", e->geo_name ? strlen(e->geo_name) : 0);
    dy_buf_adds(b, ",\"country\":");
    dy_buf_json_str(b, e->geo_country ? e->geo_country : "",
                    e->geo_country ? strlen(e->geo_country) : 0);
    dy_buf_printf(b, ",\"lat\":%.4f,\"lon\":%.4f,\"precision\":", e->geo_lat, e->geo_lon);
    dy_buf_json_str(b, e->geo_prec, strlen(e->geo_prec));
    dy_buf_adds(b, ",\"source\":");
    dy_buf_json_str(b, e->geo_src ? e->geo_src : "", e->geo_src ? strlen(e->geo_src) : 0);
    dy_buf_addc(b, '}');
}
