namespace SociaalDomein.Infrastructure.Imports.Tables;

/// <summary>Which values of a row a rejected row may keep as the file had them (docs/domain.md §10, ADR 11): each record
/// kind's column map says so per field position.</summary>
internal interface IFieldMask
{
    /// <summary>May a rejected row keep the value at <paramref name="fieldIndex"/> as it is?</summary>
    bool Shows(int fieldIndex);

    /// <summary>What a rejected row keeps of a value it may not show.</summary>
    string Masked(int fieldIndex, ReadOnlySpan<char> value);
}

/// <summary>One data row as a reader offers it to a validator: trimmed text per field, and for Excel the typed value of
/// date and number cells. One instance per file is reused for every row.</summary>
internal abstract class RowValues
{
    public abstract int FieldCount { get; }

    /// <summary>The row as the file had it, for the download of rejected rows, with every value
    /// <paramref name="columns"/> does not let through masked: a rejected row is kept, and nothing kept may hold a BSN,
    /// an address or a birth date.</summary>
    public abstract string MaskedRow(IFieldMask columns);

    /// <summary>The field's text without surrounding white space; empty when the row is shorter.</summary>
    public abstract ReadOnlySpan<char> Text(int index);

    public virtual bool TryGetDate(int index, out DateOnly date)
    {
        date = default;
        return false;
    }

    public virtual bool TryGetNumber(int index, out decimal number)
    {
        number = 0;
        return false;
    }
}

/// <summary>What a record kind makes of a header row (<see cref="TabularFiles"/>): the number of header fields, the
/// columns it does not know, and the function that turns a row into a parsed row (validates it, or lists why not).</summary>
internal sealed record TableLayout<TRow>(int HeaderFieldCount, IReadOnlyList<string> UnknownColumns, Func<int, RowValues, TRow> Read);

/// <summary>The Dutch texts a record kind's files need where the shared readers refuse a file.</summary>
/// <param name="NotReadable">The file is none of the accepted kinds; <c>{0}</c> is the file name.</param>
/// <param name="NoSheet">An Excel file without a worksheet; <c>{0}</c> is the file name.</param>
internal sealed record FileTexts(string NotReadable, string NoSheet);
