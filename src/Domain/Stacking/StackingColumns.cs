using System.Runtime.CompilerServices;
using System.Text;
using SociaalDomein.Domain.Assignments;

namespace SociaalDomein.Domain.Stacking;

/// <summary>
/// The stacking analysis (docs/domain.md §5) as the production path (docs/decisions/0017): rows are added one at a
/// time as they stream from the database, kept as a few columns (arrays) with interned keys and codes, and grouped with
/// hash tables and one sort instead of LINQ. It applies the rules of <see cref="StackingCalculator"/>, which stays the
/// oracle: both are asserted equal on generated data (Domain and Infrastructure tests). Amounts are computed by the same
/// <see cref="AssignmentAmount"/> as the calculator's, so they agree exactly, not only to the cent.
/// <para>Memory: per row added, one entry in the table of (case, product, provider, start) groups (the group key's
/// bytes and ~20 bytes of arrays); per active row ~50 bytes more; per distinct client or address its key once.
/// About 100 MB for a million rows; it grows linearly.</para>
/// </summary>
public sealed class StackingColumns
{
    private readonly StackingOptions _options;
    private readonly PriceList _priceList;
    private readonly int _referenceDay;

    private readonly ByteKeyTable _postcodes = new();
    private bool[] _postcodeInDistrict = new bool[64];
    private readonly ByteKeyTable _products = new();
    private readonly ByteKeyTable _providers = new();
    private readonly ByteKeyTable _clients;
    private readonly ByteKeyTable _addresses;

    // Rule 2: one group per (case number, product, provider, start) of the rows that are not revoked.
    private readonly ByteKeyTable _groups;
    private long[] _groupMinId;
    private int[] _groupMinActive;          // the kept row's index among the active rows; -1: not active
    private bool[] _groupMinInDistrict;

    private int _revoked;
    private int _notRevokedInDistrict;

    // The active rows (rule 3), kept or not: decided when all rows are in.
    private int _active;
    private int[] _activeGroup;
    private int[] _activeClient;
    private int[] _activeAddress;
    private int[] _activePostcode;
    private int[] _activeProduct;
    private int[] _activeStart;
    private Law[] _activeLaw;
    private decimal[] _activeAmount;
    private bool[] _activeUnpriced;

    private readonly Dictionary<long, IReadOnlyList<TariffPeriod>> _prices = [];

    /// <param name="expectedRows">About how many rows will be added (e.g. the table's estimate): the arrays are sized
    /// once for them (they grow when needed) instead of doubling and leaving outgrown ones behind.</param>
    public StackingColumns(StackingOptions options, PriceList? priceList = null, int expectedRows = 0)
    {
        _options = options;
        _priceList = priceList ?? PriceList.Empty;
        _referenceDay = options.ReferenceDate.DayNumber;
        var rows = Math.Max(expectedRows, 1024);
        var active = rows / 2;   // about 40 % of the rows are active on a date
        _groups = new ByteKeyTable(rows, 24);
        _groupMinId = new long[rows];
        _groupMinActive = new int[rows];
        _groupMinInDistrict = new bool[rows];
        _clients = new ByteKeyTable(active, 32);
        _addresses = new ByteKeyTable(active, 32);
        _activeGroup = new int[active];
        _activeClient = new int[active];
        _activeAddress = new int[active];
        _activePostcode = new int[active];
        _activeProduct = new int[active];
        _activeStart = new int[active];
        _activeLaw = new Law[active];
        _activeAmount = new decimal[active];
        _activeUnpriced = new bool[active];
    }

    /// <summary>Rows added so far (of the law filter).</summary>
    public int Rows { get; private set; }

    /// <summary>Whether a row with these dates is active on the reference date and not revoked: only then does
    /// <see cref="Add"/> need its client, address, law and amount fields.</summary>
    public static bool NeedsDetails(DateOnly start, DateOnly? end, DateOnly referenceDate) =>
        end != start && start <= referenceDate && (end is null || end >= referenceDate);

    /// <summary>Adds a row of the oracle's shape (rows of another law than the filter's are left out, as rule 1 says).</summary>
    public void Add(StackingRow row)
    {
        if (_options.Law is { } law && row.Law != law)
        {
            return;
        }

        Add(row.Id, Encoding.UTF8.GetBytes(row.Postcode4), row.StartDate, row.EndDate,
            Encoding.UTF8.GetBytes(row.CaseNumber), Encoding.UTF8.GetBytes(row.ProductCode), Encoding.UTF8.GetBytes(row.ProviderAgb),
            row.ClientKey, row.AddressKey, row.Law, row.Volume, row.Frequency, row.Tariff, row.Budget);
    }

    /// <summary>Adds one row of the law filter (the caller leaves the others out, e.g. in SQL). Text is UTF-8. A revoked
    /// row needs only its postcode and dates; a row that is not active on the reference date (<see cref="NeedsDetails"/>)
    /// needs neither its client and address keys nor its law and amount fields (pass empty and null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(
        long id, ReadOnlySpan<byte> postcode4, DateOnly start, DateOnly? end,
        ReadOnlySpan<byte> caseNumber, ReadOnlySpan<byte> productCode, ReadOnlySpan<byte> providerAgb,
        ReadOnlySpan<byte> clientKey, ReadOnlySpan<byte> addressKey, Law law, decimal? volume, Frequency? frequency, decimal? tariff, decimal? budget)
    {
        Rows++;
        var postcode = Postcode(postcode4);
        var inDistrict = _postcodeInDistrict[postcode];
        if (end == start)
        {
            _revoked += inDistrict ? 1 : 0;   // rule 2: revoked rows out, counted (by their own postcode)
            return;
        }

        if (inDistrict)
        {
            _notRevokedInDistrict++;
        }

        var product = _products.GetOrAdd(productCode, out _);
        var provider = _providers.GetOrAdd(providerAgb, out _);
        var group = Group(caseNumber, product, provider, start, out var newGroup);

        var active = -1;
        if (start.DayNumber <= _referenceDay && (end is null || end.Value.DayNumber >= _referenceDay))
        {
            if (clientKey.IsEmpty || addressKey.IsEmpty)
            {
                throw new ArgumentException($"Toewijzing {id} is actief op de peildatum maar mist haar cliënt- of adressleutel.", nameof(clientKey));
            }

            if (_options.Law is { } only && law != only)
            {
                throw new ArgumentException($"Toewijzing {id} valt buiten het wetfilter.", nameof(law));
            }

            active = AddActive(group, clientKey, addressKey, postcode, product, provider, law, start, end, volume, frequency, tariff, budget);
        }

        if (newGroup || id < _groupMinId[group])
        {
            _groupMinId[group] = id;
            _groupMinActive[group] = active;
            _groupMinInDistrict[group] = inDistrict;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Postcode(ReadOnlySpan<byte> postcode4)
    {
        var id = _postcodes.GetOrAdd(postcode4, out var added);
        if (added)
        {
            Grow(ref _postcodeInDistrict, id);
            _postcodeInDistrict[id] = _options.DistrictPostcodes is not { } district || district.Contains(Encoding.UTF8.GetString(postcode4));
        }

        return id;
    }

    /// <summary>The group of (case number, product, provider, start): rule 2's copies share one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Group(ReadOnlySpan<byte> caseNumber, int product, int provider, DateOnly start, out bool added)
    {
        var length = caseNumber.Length + 12;
        Span<byte> key = length <= 256 ? stackalloc byte[length] : new byte[length];
        caseNumber.CopyTo(key);
        BitConverter.TryWriteBytes(key[caseNumber.Length..], product);
        BitConverter.TryWriteBytes(key[(caseNumber.Length + 4)..], provider);
        BitConverter.TryWriteBytes(key[(caseNumber.Length + 8)..], start.DayNumber);
        var group = _groups.GetOrAdd(key, out added);
        if (added)
        {
            Grow(ref _groupMinId, group);
            Grow(ref _groupMinActive, group);
            Grow(ref _groupMinInDistrict, group);
        }

        return group;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AddActive(
        int group, ReadOnlySpan<byte> clientKey, ReadOnlySpan<byte> addressKey, int postcode, int product, int provider, Law law,
        DateOnly start, DateOnly? end, decimal? volume, Frequency? frequency, decimal? tariff, decimal? budget)
    {
        var a = _active++;
        if (a == _activeGroup.Length)
        {
            var size = a * 2;
            Array.Resize(ref _activeGroup, size);
            Array.Resize(ref _activeClient, size);
            Array.Resize(ref _activeAddress, size);
            Array.Resize(ref _activePostcode, size);
            Array.Resize(ref _activeProduct, size);
            Array.Resize(ref _activeStart, size);
            Array.Resize(ref _activeLaw, size);
            Array.Resize(ref _activeAmount, size);
            Array.Resize(ref _activeUnpriced, size);
        }

        // Rule 3: the amount in the reference year, with the price list where the row has no budget and no own tariff.
        var amount = AssignmentAmount.InYear(start, end, budget, volume, tariff, frequency, _options.Year, Prices(product, provider));
        _activeGroup[a] = group;
        _activeClient[a] = _clients.GetOrAdd(clientKey, out _);
        _activeAddress[a] = _addresses.GetOrAdd(addressKey, out _);
        _activePostcode[a] = postcode;
        _activeProduct[a] = product;
        _activeStart[a] = start.DayNumber;
        _activeLaw[a] = law;
        _activeAmount[a] = amount ?? 0m;
        _activeUnpriced[a] = amount is null;
        return a;
    }

    /// <summary>The price-list entries for a (product, provider), looked up once per pair.</summary>
    private IReadOnlyList<TariffPeriod> Prices(int product, int provider)
    {
        var pair = ((long)product << 32) | (uint)provider;
        if (!_prices.TryGetValue(pair, out var entries))
        {
            entries = _priceList.For(Encoding.UTF8.GetString(_products.Key(product)), Encoding.UTF8.GetString(_providers.Key(provider)));
            _prices[pair] = entries;
        }

        return entries;
    }

    private static void Grow<T>(ref T[] array, int index)
    {
        if (index >= array.Length)
        {
            Array.Resize(ref array, Math.Max(array.Length * 2, index + 1));
        }
    }

    /// <summary>The tables, by the rules of <see cref="StackingCalculator"/> (numbers refer to its list).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public StackingResult Result()
    {
        var options = _options;

        // Rule 2: of each group only the row with the lowest Id is kept; the others are copies (counted by their postcode).
        var groupsInDistrict = 0;
        for (var g = 0; g < _groups.Count; g++)
        {
            groupsInDistrict += _groupMinInDistrict[g] ? 1 : 0;
        }

        var duplicates = _notRevokedInDistrict - groupsInDistrict;

        var kept = new int[_active];
        var keptCount = 0;
        for (var a = 0; a < _active; a++)
        {
            if (_groupMinActive[_activeGroup[a]] == a)
            {
                kept[keptCount++] = a;
            }
        }

        // Rule 4: a client's household is the address of its most recently started active assignment; on a tie the
        // smallest address key (bytes unsigned, left to right).
        var clientCount = _clients.Count;
        var home = new int[clientCount];
        var homeStart = new int[clientCount];
        Array.Fill(home, -1);
        for (var i = 0; i < keptCount; i++)
        {
            var a = kept[i];
            var c = _activeClient[a];
            var start = _activeStart[a];
            var address = _activeAddress[a];
            if (home[c] < 0 || start > homeStart[c]
                || (start == homeStart[c] && address != home[c] && _addresses.Key(address).SequenceCompareTo(_addresses.Key(home[c])) < 0))
            {
                home[c] = address;
                homeStart[c] = start;
            }
        }

        // Rule 5: an address's postcode is the smallest (ordinal) postcode of its active assignments.
        var postcodeRank = OrdinalRanks(_postcodes);
        var addressCount = _addresses.Count;
        var addressPostcode = new int[addressCount];
        Array.Fill(addressPostcode, -1);
        for (var i = 0; i < keptCount; i++)
        {
            var a = kept[i];
            var address = _activeAddress[a];
            var postcode = _activePostcode[a];
            if (addressPostcode[address] < 0 || postcodeRank[postcode] < postcodeRank[addressPostcode[address]])
            {
                addressPostcode[address] = postcode;
            }
        }

        // The district filter: households whose address lies in the district, with all their clients' assignments.
        var productRank = OrdinalRanks(_products);
        var productCount = _products.Count;
        var placed = new int[keptCount];
        var placedKeys = new long[keptCount];
        var placedCount = 0;
        for (var i = 0; i < keptCount; i++)
        {
            var a = kept[i];
            var c = _activeClient[a];
            if (options.DistrictPostcodes is null || _postcodeInDistrict[addressPostcode[home[c]]])
            {
                placed[placedCount] = a;
                placedKeys[placedCount] = ((long)c << 32) | (uint)productRank[_activeProduct[a]];
                placedCount++;
            }
        }

        // One sort by (client, product) and one pass over the runs: per client its products and amounts, per household
        // its clients, amount and laws, per pair of products its clients and amount.
        Array.Sort(placedKeys, placed, 0, placedCount);

        var householdClients = new int[addressCount];
        var householdAmount = new decimal[addressCount];
        var householdWmo = new bool[addressCount];
        var householdJeugd = new bool[addressCount];
        var households = new List<int>();
        var provisionClients = new int[StackingOptions.MaxProvisionsBucket + 1];
        var provisionAmount = new decimal[StackingOptions.MaxProvisionsBucket + 1];
        var pairIndex = new Dictionary<long, int>();
        var pairs = new List<(int A, int B, int Clients, decimal Amount)>();
        var clientProducts = new List<(int Rank, decimal Amount)>();
        var clients = 0;
        var unpriced = 0;
        var total = 0m;

        var i0 = 0;
        while (i0 < placedCount)
        {
            var client = (int)(placedKeys[i0] >> 32);
            var household = home[client];
            clientProducts.Clear();
            var clientAmount = 0m;
            var wmo = false;
            var jeugd = false;
            var i = i0;
            while (i < placedCount && (int)(placedKeys[i] >> 32) == client)
            {
                var rank = (int)(placedKeys[i] & 0xFFFFFFFF);
                var productAmount = 0m;
                while (i < placedCount && placedKeys[i] == (((long)client << 32) | (uint)rank))
                {
                    var a = placed[i];
                    productAmount += _activeAmount[a];
                    unpriced += _activeUnpriced[a] ? 1 : 0;
                    wmo |= _activeLaw[a] == Law.Wmo;
                    jeugd |= _activeLaw[a] == Law.Jeugdwet;
                    i++;
                }

                clientProducts.Add((rank, productAmount));
                clientAmount += productAmount;
            }

            clients++;
            total += clientAmount;
            if (householdClients[household] == 0)
            {
                households.Add(household);
            }

            householdClients[household]++;
            householdAmount[household] += clientAmount;
            householdWmo[household] |= wmo;
            householdJeugd[household] |= jeugd;

            var bucket = Math.Min(clientProducts.Count, StackingOptions.MaxProvisionsBucket);
            provisionClients[bucket]++;
            provisionAmount[bucket] += clientAmount;

            for (var x = 0; x < clientProducts.Count; x++)
            {
                for (var y = x + 1; y < clientProducts.Count; y++)
                {
                    var key = ((long)clientProducts[x].Rank * productCount) + clientProducts[y].Rank;
                    var amount = clientProducts[x].Amount + clientProducts[y].Amount;
                    if (pairIndex.TryGetValue(key, out var p))
                    {
                        var line = pairs[p];
                        pairs[p] = (line.A, line.B, line.Clients + 1, line.Amount + amount);
                    }
                    else
                    {
                        pairIndex[key] = pairs.Count;
                        pairs.Add((clientProducts[x].Rank, clientProducts[y].Rank, 1, amount));
                    }
                }
            }

            i0 = i;
        }

        // Rule 6: more clients than the threshold is an institution.
        var threshold = options.InstitutionThreshold;
        var lineAddresses = new int[threshold + 1];
        var lineAmount = new decimal[threshold + 1];
        var (institutions, institutionClients, institutionAmount) = (0, 0, 0m);
        var (crossLaw, crossLawAmount) = (0, 0m);
        var top = new List<(int Household, decimal Cents)>(StackingOptions.TopHouseholds + 1);
        foreach (var h in households)
        {
            var n = householdClients[h];
            if (n > threshold)
            {
                institutions++;
                institutionClients += n;
                institutionAmount += householdAmount[h];
                continue;
            }

            lineAddresses[n]++;
            lineAmount[n] += householdAmount[h];
            if (householdWmo[h] && householdJeugd[h])
            {
                crossLaw++;
                crossLawAmount += householdAmount[h];
            }

            // Rule 7: the most expensive by amount in cents, then by key; kept as a short sorted list.
            var cents = Cents(householdAmount[h]);
            if (top.Count == StackingOptions.TopHouseholds && !Before(cents, h, top[^1]))
            {
                continue;
            }

            var at = top.Count;
            while (at > 0 && Before(cents, h, top[at - 1]))
            {
                at--;
            }

            top.Insert(at, (h, cents));
            if (top.Count > StackingOptions.TopHouseholds)
            {
                top.RemoveAt(top.Count - 1);
            }
        }

        // Distinct products of the few most expensive households.
        var topProducts = top.ToDictionary(t => t.Household, _ => new HashSet<int>());
        for (var i = 0; i < placedCount; i++)
        {
            var a = placed[i];
            if (topProducts.TryGetValue(home[_activeClient[a]], out var set))
            {
                set.Add(_activeProduct[a]);
            }
        }

        var productNames = Enumerable.Range(0, productCount).Select(p => Encoding.UTF8.GetString(_products.Key(p))).ToArray();
        var productByRank = new string[productCount];
        for (var p = 0; p < productCount; p++)
        {
            productByRank[productRank[p]] = productNames[p];
        }

        return new StackingResult(
            options.ReferenceDate,
            _revoked,
            duplicates,
            placedCount,
            clients,
            total,
            Enumerable.Range(1, threshold).Select(n => new HouseholdLine(n, lineAddresses[n], lineAmount[n])).ToList(),
            new InstitutionLine(institutions, institutionClients, institutionAmount),
            Enumerable.Range(1, StackingOptions.MaxProvisionsBucket).Select(n => new ProvisionLine(n, provisionClients[n], provisionAmount[n])).ToList(),
            pairs
                .OrderByDescending(p => p.Clients)
                .ThenByDescending(p => Cents(p.Amount))
                .ThenBy(p => p.A)
                .ThenBy(p => p.B)
                .Take(StackingOptions.TopPairs)
                .Select(p => new ProductPairLine(productByRank[p.A], productByRank[p.B], p.Clients, p.Amount))
                .ToList(),
            new CrossLawLine(crossLaw, crossLawAmount),
            top.Select(t => new ExpensiveHousehold(
                    Convert.ToHexStringLower(_addresses.Key(t.Household)), householdClients[t.Household], topProducts[t.Household].Count, householdAmount[t.Household]))
                .ToList(),
            unpriced);

        bool Before(decimal cents, int household, (int Household, decimal Cents) other) =>
            cents > other.Cents || (cents == other.Cents && _addresses.Key(household).SequenceCompareTo(_addresses.Key(other.Household)) < 0);
    }

    /// <summary>Each id's place in the ordinal order of the keys as strings (the calculator's order).</summary>
    private static int[] OrdinalRanks(ByteKeyTable table)
    {
        var names = Enumerable.Range(0, table.Count).Select(id => Encoding.UTF8.GetString(table.Key(id))).ToArray();
        var order = Enumerable.Range(0, table.Count).ToArray();
        Array.Sort(order, (x, y) => string.CompareOrdinal(names[x], names[y]));
        var ranks = new int[table.Count];
        for (var r = 0; r < order.Length; r++)
        {
            ranks[order[r]] = r;
        }

        return ranks;
    }

    private static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
