namespace SociaalDomein.Domain.Assignments;

/// <summary>The burgerservicenummer (BSN) check: nine digits that pass the 11-test.</summary>
public static class Bsn
{
    /// <summary>True when <paramref name="bsn"/> is exactly nine digits, not all zeros, and
    /// 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11.</summary>
    public static bool IsValid(string? bsn) => bsn is not null && IsValid(bsn.AsSpan());

    /// <inheritdoc cref="IsValid(string?)"/>
    public static bool IsValid(ReadOnlySpan<char> bsn)
    {
        if (bsn.Length != 9)
        {
            return false;
        }

        var sum = 0;
        var allZeros = true;
        for (var i = 0; i < 9; i++)
        {
            var c = bsn[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            var digit = c - '0';
            allZeros &= digit == 0;
            sum += i < 8 ? (9 - i) * digit : -digit;
        }

        return !allZeros && sum % 11 == 0;
    }
}
