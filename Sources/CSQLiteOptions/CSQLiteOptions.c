#include "CSQLiteOptions.h"
#include "sqlite_nio_sqlite3.h"

int hemicycle_sqlite_enable_qpsg(void *connection) {
    int enabled = 0;
    int result = sqlite_nio_sqlite3_db_config((sqlite3 *)connection, SQLITE_DBCONFIG_ENABLE_QPSG, 1, &enabled);
    if (result == SQLITE_OK && !enabled) return SQLITE_ERROR;
    return result;
}
