using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Parvis.Infrastructure.Data;

/// <summary>
/// Writes a stream of entities straight into their table, bypassing the change tracker: binary COPY on
/// PostgreSQL, prepared INSERTs in large transactions on SQLite. Tables, columns and value conversions come
/// from the EF model. Nothing is stamped: the caller sets keys, foreign keys and <c>OrganizationId</c>.
/// </summary>
public abstract class BulkWriter(ParvisDbContext db)
{
    protected ParvisDbContext Db { get; } = db;

    public static BulkWriter For(ParvisDbContext db) =>
        db.Database.IsNpgsql() ? new PostgresBulkWriter(db) : new SqliteBulkWriter(db);

    /// <summary>Writes every row; returns how many.</summary>
    public async Task<long> WriteAsync<T>(IEnumerable<T> rows) where T : class
    {
        var entity = Db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => BulkColumn.Of<T>(p, store)).ToList();
        var connection = Db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        return await WriteAsync(connection, Quote(table), columns, rows);
    }

    /// <summary>After explicit ids: the next id the application takes is above them.</summary>
    public abstract Task ResetIdentityAsync<T>() where T : class;

    /// <summary>Refreshes the planner's statistics after a load.</summary>
    public abstract Task AnalyzeAsync();

    protected abstract Task<long> WriteAsync<T>(DbConnection connection, string table, IReadOnlyList<BulkColumn> columns, IEnumerable<T> rows);

    protected static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    protected static string ColumnList(IReadOnlyList<BulkColumn> columns) => string.Join(", ", columns.Select(c => Quote(c.Name)));
}

/// <summary>One column: its name, how to read it from an entity, and the value as the provider stores it.</summary>
public sealed class BulkColumn
{
    private Func<object, object?> _read = _ => null;

    public required string Name { get; init; }
    public required RelationalTypeMapping Mapping { get; init; }

    public object? Read(object entity) => _read(entity);

    public static BulkColumn Of<T>(IProperty property, StoreObjectIdentifier store)
    {
        if (property.IsShadowProperty() || property.PropertyInfo is null)
            throw new NotSupportedException($"{typeof(T).Name}.{property.Name} has no CLR property: the bulk writer reads properties only.");
        var parameter = Expression.Parameter(typeof(object));
        var getter = Expression.Lambda<Func<object, object?>>(
            Expression.Convert(Expression.Property(Expression.Convert(parameter, typeof(T)), property.PropertyInfo), typeof(object)), parameter).Compile();
        var mapping = property.GetRelationalTypeMapping();
        var converter = mapping.Converter;
        return new BulkColumn
        {
            Name = property.GetColumnName(store) ?? property.Name,
            Mapping = mapping,
            _read = converter is null ? getter : e => converter.ConvertToProvider(getter(e)),
        };
    }
}

internal sealed class PostgresBulkWriter(ParvisDbContext db) : BulkWriter(db)
{
    protected override async Task<long> WriteAsync<T>(DbConnection connection, string table, IReadOnlyList<BulkColumn> columns, IEnumerable<T> rows)
    {
        var npgsql = (NpgsqlConnection)connection;
        // The store type without its size: "character varying(200)" is written as "character varying".
        var types = columns.Select(c => c.Mapping.StoreType.Split('(')[0].Trim()).ToArray();
        var count = 0L;
        await using (var import = await npgsql.BeginBinaryImportAsync($"COPY {table} ({ColumnList(columns)}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                import.StartRow();
                for (var i = 0; i < columns.Count; i++)
                {
                    var value = columns[i].Read(row!);
                    if (value is null) import.WriteNull();
                    else import.Write(value, types[i]);
                }
                count++;
            }
            await import.CompleteAsync();
        }
        return count;
    }

    public override async Task ResetIdentityAsync<T>()
    {
        var entity = Db.Model.FindEntityType(typeof(T))!;
        var table = Quote(entity.GetTableName()!);
        var key = entity.FindPrimaryKey()!.Properties.Single().GetColumnName(StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()))!;
        // Names come from the model, not from input. pg_get_serial_sequence takes the table quoted, the column plain.
        var sql = $"SELECT setval(pg_get_serial_sequence('{table}', '{key}'), GREATEST((SELECT MAX({Quote(key)}) FROM {table}), 1))";
        await Db.Database.ExecuteSqlRawAsync(sql);
    }

    public override Task AnalyzeAsync() => Db.Database.ExecuteSqlRawAsync("ANALYZE");
}

internal sealed class SqliteBulkWriter(ParvisDbContext db) : BulkWriter(db)
{
    private const int RowsPerTransaction = 20_000;

    protected override async Task<long> WriteAsync<T>(DbConnection connection, string table, IReadOnlyList<BulkColumn> columns, IEnumerable<T> rows)
    {
        var sqlite = (SqliteConnection)connection;
        await using (var pragma = sqlite.CreateCommand())
        {
            // A load that fails is started again from an empty database: durability of each batch is not needed.
            pragma.CommandText = "PRAGMA synchronous=OFF";
            await pragma.ExecuteNonQueryAsync();
        }
        await using var insert = sqlite.CreateCommand();
        insert.CommandText = $"INSERT INTO {table} ({ColumnList(columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        // The type mapping configures each parameter as EF does (a Guid is stored as text, for instance).
        var parameters = columns.Select((c, i) => c.Mapping.CreateParameter(insert, "$p" + i, null, nullable: true)).ToArray();
        insert.Parameters.AddRange(parameters);
        var count = 0L;
        var transaction = sqlite.BeginTransaction();
        try
        {
            insert.Transaction = transaction;
            insert.Prepare();
            foreach (var row in rows)
            {
                for (var i = 0; i < columns.Count; i++) parameters[i].Value = columns[i].Read(row!) ?? DBNull.Value;
                insert.ExecuteNonQuery();
                if (++count % RowsPerTransaction == 0)
                {
                    transaction.Commit();
                    transaction.Dispose();
                    transaction = sqlite.BeginTransaction();
                    insert.Transaction = transaction;
                }
            }
            transaction.Commit();
        }
        finally
        {
            transaction.Dispose();
        }
        return count;
    }

    // SQLite takes the next rowid above the largest one: nothing to reset.
    public override Task ResetIdentityAsync<T>() => Task.CompletedTask;

    public override Task AnalyzeAsync() => Db.Database.ExecuteSqlRawAsync("ANALYZE");
}
