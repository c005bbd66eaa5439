using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using SociaalDomein.Infrastructure.Privacy;

namespace SociaalDomein.Infrastructure.Tests.Privacy;

public class PseudonymisationKeyTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    private static IHostEnvironment Environment(string name) => new HostingEnvironment { EnvironmentName = name };

    [Fact]
    public void Outside_Development_the_app_refuses_to_start_without_a_key()
    {
        var exception = Assert.Throws<StartupException>(() =>
            PseudonymisationKey.Resolve(Configuration(), Environment(Environments.Production)));

        Assert.Contains("Pseudonymisation__Key", exception.Message);
    }

    [Fact]
    public void A_configured_base64_key_is_used_as_it_is()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();

        var resolved = PseudonymisationKey.Resolve(
            Configuration((PseudonymisationKey.ConfigKey, Convert.ToBase64String(key))), Environment(Environments.Production));

        Assert.Equal(key, resolved);
    }

    [Fact]
    public void A_key_that_is_not_base64_of_enough_bytes_is_refused()
    {
        Assert.Throws<StartupException>(() => PseudonymisationKey.Resolve(
            Configuration((PseudonymisationKey.ConfigKey, "geen-sleutel")), Environment(Environments.Production)));
    }

    [Fact]
    public void In_Development_a_key_is_generated_once_in_the_key_file_and_reused()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pseudonymisation-" + Guid.NewGuid().ToString("N"));
        var file = Path.Combine(folder, "pseudonymisation.key");
        try
        {
            var configuration = Configuration((PseudonymisationKey.FileConfigKey, file));

            var first = PseudonymisationKey.Resolve(configuration, Environment(Environments.Development));
            var second = PseudonymisationKey.Resolve(configuration, Environment(Environments.Development));

            Assert.Equal(Pseudonymiser.KeyLength, first.Length);
            Assert.Equal(first, second);
            Assert.True(File.Exists(file));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
