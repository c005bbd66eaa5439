namespace SociaalDomein.Domain.Districts;

/// <summary>A part of the municipality (stadsdeel / wijk); 4-digit postcodes map to it.</summary>
public class District
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public List<PostcodeDistrict> Postcodes { get; set; } = [];
}

public class PostcodeDistrict
{
    /// <summary>The 4 digits of a Dutch postcode, e.g. "8011".</summary>
    public required string Postcode4 { get; set; }

    public int DistrictId { get; set; }
}
