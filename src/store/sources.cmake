# store/: the StudyGroupStore interface's built-in backends (design.md §5, docs/storage.md).
list(APPEND LKS_SOURCES
  store/study_group_store.cc
  store/validation.cc
  store/migrations.cc
  store/open_store.cc
  store/store_json.cc
  store/sql/sql_connection.cc
  store/sql/connection_pool.cc
  store/sql/row_mapping.cc
  store/sql/sql_store.cc
  store/sqlite/sqlite_connection.cc)
if(LKS_WITH_POSTGRES)
  list(APPEND LKS_SOURCES store/postgres/pg_connection.cc)
endif()
