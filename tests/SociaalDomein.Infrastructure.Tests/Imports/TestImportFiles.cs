using Npgsql;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Privacy;

namespace SociaalDomein.Infrastructure.Tests.Imports;

/// <summary>The encrypted file store of the import pipeline, with a fixed test key.</summary>
public static class TestImportFiles
{
    public static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();

    public static ImportFiles Create(NpgsqlDataSource dataSource) => new(dataSource, new FileCipher(Key));

    public static ImportFiles Create(string connectionString) => Create(NpgsqlDataSource.Create(connectionString));
}
