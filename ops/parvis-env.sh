# Sourced by ops/backup and ops/restore: the database and files of the installation, read from the same settings as
# Parvis (Database__Provider, ConnectionStrings__Parvis, Files__Root: export the lines of /etc/parvis/parvis.env).
provider=${Database__Provider:-Sqlite}
connection=${ConnectionStrings__Parvis:-}
files=${Files__Root:-data/files}

# PostgreSQL: the Npgsql connection string ("Host=…;Port=…;Database=…;Username=…;Password=…") as libpq variables.
pg_environment() {
  local pair key value
  IFS=';' read -ra pairs <<<"$connection"
  for pair in "${pairs[@]}"; do
    [ -n "$pair" ] || continue
    key=$(printf '%s' "${pair%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')
    value=${pair#*=}
    case $key in
      host|server) export PGHOST=$value ;;
      port) export PGPORT=$value ;;
      database|db) export PGDATABASE=$value ;;
      username|userid|user) export PGUSER=$value ;;
      password) export PGPASSWORD=$value ;;
    esac
  done
  [ -n "${PGDATABASE:-}" ] || { echo "ConnectionStrings__Parvis names no Database" >&2; exit 2; }
}

# SQLite: the file of "Data Source=…" (Parvis's default: data/parvis.db under its folder).
sqlite_file() {
  local pair key
  IFS=';' read -ra pairs <<<"$connection"
  for pair in "${pairs[@]}"; do
    key=$(printf '%s' "${pair%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')
    case $key in datasource|filename) printf '%s\n' "${pair#*=}"; return ;; esac
  done
  printf '%s\n' data/parvis.db
}

is_postgres() { [ "$(printf '%s' "$provider" | tr '[:upper:]' '[:lower:]')" = postgres ]; }
