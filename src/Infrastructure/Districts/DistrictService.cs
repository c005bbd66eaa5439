using System.Text;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using SociaalDomein.Domain.Audit;
using SociaalDomein.Domain.Districts;
using SociaalDomein.Infrastructure.Audit;
using SociaalDomein.Infrastructure.Imports;
using SociaalDomein.Infrastructure.Persistence;

namespace SociaalDomein.Infrastructure.Districts;

public sealed record DistrictSummary(int Id, string Name, IReadOnlyList<string> Postcodes);

/// <summary>The outcome of a change: done, or why not (Dutch), e.g. someone else changed it first.</summary>
public sealed record DistrictChange(bool Succeeded, string? Problem = null, IReadOnlyList<RowError>? Errors = null)
{
    public static readonly DistrictChange Done = new(true);
}

/// <summary>
/// The mapping from 4-digit postcode to district (stadsdeel / wijk), edited by the beheerder one postcode at a time
/// or replaced whole from a CSV file (<c>postcode;wijk</c>). Stored stacking results depend on it: a change is recorded
/// as an input change (<see cref="Analysis.InputChanges"/>) in its own transaction, so every result computed from the
/// old mapping is stale from the commit on, even one that is stored later, and the recompute job is queued so the pages
/// have fresh results again without waiting. Every change is in the audit log, written
/// in the same transaction as the change: both are kept or neither is.
/// </summary>
public sealed class DistrictService(IDbContextFactory<AppDbContext> contexts, TimeProvider clock, IBackgroundJobClient jobs)
{
    /// <summary>The stored spelling of a district name (case-insensitive), or null when there is no such district.</summary>
    public async Task<string?> FindAsync(string name, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var lower = name.Trim().ToLower();
        return await db.Districts.Where(d => d.Name.ToLower() == lower).Select(d => d.Name).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<DistrictSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await db.Districts.OrderBy(d => d.Name)
                .Select(d => new { d.Id, d.Name, Postcodes = d.Postcodes.Select(p => p.Postcode4).ToList() })
                .ToListAsync(ct))
            .Select(d => new DistrictSummary(d.Id, d.Name, d.Postcodes.Order(StringComparer.Ordinal).ToList()))
            .ToList();
    }

    /// <summary>Puts a postcode in a district (creating the district when new), or takes it out of every district when
    /// <paramref name="district"/> is empty. <paramref name="expectedDistrict"/> is the district the user saw for the
    /// postcode (null: none); when someone changed it since, nothing happens and the problem says so. <paramref name="user"/>
    /// is who makes the change, for the audit log.</summary>
    public async Task<DistrictChange> AssignAsync(string postcode, string? district, string? expectedDistrict, string user, CancellationToken ct = default)
    {
        try
        {
            return await AssignCoreAsync(postcode, district, expectedDistrict, user, ct);
        }
        catch (Exception ex) when (ex is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.SerializationFailure }
                                   || ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.SerializationFailure })
        {
            return new DistrictChange(false, $"Postcode {postcode} werd tegelijk door iemand anders gewijzigd. Bekijk de indeling opnieuw en probeer het nog eens.");
        }
    }

    private async Task<DistrictChange> AssignCoreAsync(string postcode, string? district, string? expectedDistrict, string user, CancellationToken ct)
    {
        postcode = postcode.Trim();
        if (!IsPostcode4(postcode))
        {
            return new DistrictChange(false, $"'{postcode}' is geen postcode van 4 cijfers (1000–9999).");
        }

        district = string.IsNullOrWhiteSpace(district) ? null : district.Trim();
        if (district is { Length: > 100 })
        {
            return new DistrictChange(false, "Een wijknaam is hoogstens 100 tekens.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
        var current = await db.PostcodeDistricts.Where(p => p.Postcode4 == postcode)
            .Join(db.Districts, p => p.DistrictId, d => d.Id, (p, d) => d.Name).FirstOrDefaultAsync(ct);
        if (!string.Equals(current, expectedDistrict, StringComparison.Ordinal))
        {
            return new DistrictChange(false,
                $"Postcode {postcode} is intussen door iemand anders gewijzigd (nu: {current ?? "geen wijk"}). Bekijk de indeling opnieuw en probeer het nog eens.");
        }

        if (string.Equals(current, district, StringComparison.Ordinal))
        {
            return DistrictChange.Done; // already so: nothing to change, nothing to record
        }

        await db.PostcodeDistricts.Where(p => p.Postcode4 == postcode).ExecuteDeleteAsync(ct);
        if (district is not null)
        {
            var target = await db.Districts.FirstOrDefaultAsync(d => d.Name == district, ct) ?? db.Districts.Add(new District { Name = district }).Entity;
            target.Postcodes.Add(new PostcodeDistrict { Postcode4 = postcode });
        }

        AuditLog.Add(db, clock.GetUtcNow(), user, AuditAction.DistrictChanged, $"Postcode {postcode}: {current ?? "geen wijk"} → {district ?? "geen wijk"}");
        Analysis.InputChanges.Add(db, clock.GetUtcNow(), $"wijkindeling: postcode {postcode}");
        await db.SaveChangesAsync(ct);
        await DropEmptyDistrictsAsync(db, ct);
        await transaction.CommitAsync(ct);
        jobs.Enqueue<Stacking.StackingRecomputeJob>(job => job.RunAsync(null, CancellationToken.None));
        return DistrictChange.Done;
    }

    /// <summary>Replaces the whole mapping from a CSV with the columns postcode and wijk (or stadsdeel), ';' or ','.
    /// All or nothing: one bad row and the mapping stays as it was; the errors name row and column. The audit entry
    /// (<paramref name="user"/>) is written in the same transaction as the new mapping.</summary>
    public async Task<DistrictChange> ImportAsync(Stream csv, string fileName, string user, CancellationToken ct = default)
    {
        var (mapping, errors) = Parse(csv, fileName);
        if (errors.Count > 0)
        {
            return new DistrictChange(false, $"{errors.Count} fout(en) in '{fileName}'; de wijkindeling is niet gewijzigd.", errors);
        }

        if (mapping.Count == 0)
        {
            return new DistrictChange(false, $"Het bestand '{fileName}' is leeg: er staan geen postcodes in.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.PostcodeDistricts.ExecuteDeleteAsync(ct);
        var existing = await db.Districts.ToDictionaryAsync(d => d.Name, ct);
        foreach (var (postcode, name) in mapping)
        {
            if (!existing.TryGetValue(name, out var district))
            {
                district = db.Districts.Add(new District { Name = name }).Entity;
                existing[name] = district;
            }

            district.Postcodes.Add(new PostcodeDistrict { Postcode4 = postcode });
        }

        AuditLog.Add(db, clock.GetUtcNow(), user, AuditAction.DistrictsReplaced, $"Wijkindeling uit {Path.GetFileName(fileName)}",
            $"{mapping.Count} postcodes in {mapping.Select(m => m.District).Distinct(StringComparer.Ordinal).Count()} wijken");
        Analysis.InputChanges.Add(db, clock.GetUtcNow(), $"wijkindeling uit {Path.GetFileName(fileName)}");
        await db.SaveChangesAsync(ct);
        await DropEmptyDistrictsAsync(db, ct);
        await transaction.CommitAsync(ct);
        jobs.Enqueue<Stacking.StackingRecomputeJob>(job => job.RunAsync(null, CancellationToken.None));
        return DistrictChange.Done;
    }

    /// <summary>The mapping as CSV (UTF-8 with BOM), in the format <see cref="ImportAsync"/> reads.</summary>
    public async Task<byte[]> ExportCsvAsync(CancellationToken ct = default)
    {
        var csv = new StringBuilder("postcode;wijk\r\n");
        foreach (var district in await ListAsync(ct))
        {
            foreach (var postcode in district.Postcodes)
            {
                csv.Append(postcode).Append(';').Append(district.Name).Append("\r\n");
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>Removes districts left without postcodes, and the stored results of districts that no longer exist
    /// (results of the others are stale through the input change and recomputed when asked for).</summary>
    private static async Task DropEmptyDistrictsAsync(AppDbContext db, CancellationToken ct)
    {
        await db.Districts.Where(d => !d.Postcodes.Any()).ExecuteDeleteAsync(ct);
        await db.StackingSnapshots.Where(s => s.District != "" && !db.Districts.Any(d => d.Name == s.District)).ExecuteDeleteAsync(ct);
    }

    private static (List<(string Postcode, string District)> Mapping, List<RowError> Errors) Parse(Stream csv, string fileName)
    {
        var mapping = new List<(string, string)>();
        var errors = new List<RowError>();
        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var header = reader.ReadLine();
        if (header is null)
        {
            return (mapping, errors);
        }

        var delimiter = header.Contains(';') ? ';' : ',';
        var names = header.Split(delimiter).Select(h => h.Trim().ToLowerInvariant()).ToList();
        var postcodeColumn = names.IndexOf("postcode");
        var districtColumn = names.FindIndex(n => n is "wijk" or "stadsdeel" or "district");
        if (postcodeColumn < 0 || districtColumn < 0)
        {
            errors.Add(new RowError(1, postcodeColumn < 0 ? "postcode" : "wijk",
                $"De kopregel van '{fileName}' moet de kolommen 'postcode' en 'wijk' (of 'stadsdeel') hebben."));
            return (mapping, errors);
        }

        var seen = new Dictionary<string, int>();
        var row = 1;
        while (reader.ReadLine() is { } line)
        {
            row++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var cells = line.Split(delimiter);
            var postcode = cells.ElementAtOrDefault(postcodeColumn)?.Trim() ?? "";
            var district = cells.ElementAtOrDefault(districtColumn)?.Trim() ?? "";
            if (!IsPostcode4(postcode))
            {
                errors.Add(new RowError(row, "postcode", $"'{postcode}' is geen postcode van 4 cijfers (1000–9999)."));
            }
            else if (seen.TryGetValue(postcode, out var earlier))
            {
                errors.Add(new RowError(row, "postcode", $"postcode {postcode} staat ook al op rij {earlier}."));
            }
            else
            {
                seen[postcode] = row;
            }

            if (district.Length is 0 or > 100)
            {
                errors.Add(new RowError(row, "wijk", district.Length == 0 ? "de wijknaam ontbreekt." : "een wijknaam is hoogstens 100 tekens."));
            }

            if (errors.Count == 0 || errors[^1].Row != row)
            {
                mapping.Add((postcode, district));
            }
        }

        return (mapping, errors);
    }

    private static bool IsPostcode4(string value) => value.Length == 4 && value.All(char.IsAsciiDigit) && value[0] != '0';
}
