using SociaalDomein.Domain.Assignments;

namespace SociaalDomein.Domain.Tests.Assignments;

public class BsnTests
{
    [Theory]
    [InlineData("111222333")]
    [InlineData("123456782")]
    [InlineData("999990019")]
    [InlineData("012345672")]
    public void Nine_digits_that_pass_the_11_test_are_a_valid_bsn(string bsn)
    {
        Assert.True(Bsn.IsValid(bsn));
    }

    [Theory]
    [InlineData("123456789")]
    [InlineData("111222334")]
    [InlineData("000000000")]
    [InlineData("12345678")]
    [InlineData("1234567820")]
    [InlineData("12345678a")]
    [InlineData(" 123456782")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_valid_bsn(string? bsn)
    {
        Assert.False(Bsn.IsValid(bsn));
    }

    [Fact]
    public void The_last_digit_counts_negatively()
    {
        // 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 = 69; 69 − 3 = 66 = 6 × 11.
        Assert.True(Bsn.IsValid("111222333"));
        // With +3 instead of −3 the sum would be 72: not a multiple of 11.
        Assert.False(Bsn.IsValid("111222336"));
    }
}
