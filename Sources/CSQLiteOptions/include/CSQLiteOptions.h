#ifndef HEMICYCLE_CSQLITEOPTIONS_H
#define HEMICYCLE_CSQLITEOPTIONS_H

/// Turns on SQLite's query planner stability guarantee for one connection of SQLiteNIO's SQLite
/// (`SQLITE_DBCONFIG_ENABLE_QPSG`): a statement's plan no longer depends on the values bound to it, so a statement
/// prepared once is not prepared again every time new values are bound. `sqlite3_db_config` takes a variable argument
/// list, which Swift cannot call; this is the one fixed-argument call it needs. Returns SQLite's result code.
int hemicycle_sqlite_enable_qpsg(void *connection);

#endif
