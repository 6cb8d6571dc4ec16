using Connector.Worker.Storage;

namespace Connector.Worker.Tests.Storage;

public sealed class DataDirectoryTests
{
    private static readonly DataDirectory Data = new(Path.Combine(Path.GetTempPath(), "connector-data"));

    [Theory]
    [InlineData("../secrets.json")]
    [InlineData("media/../../secrets.json")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    [InlineData("..")]
    public void A_stored_path_that_is_rooted_or_leads_out_of_the_data_directory_resolves_to_nothing(string relative) =>
        Assert.Null(Data.Resolve(relative));

    [Theory]
    [InlineData("media/2026/10/ab12")]
    [InlineData("mail/2026/10/x/../x/invoice.pdf")]
    public void A_stored_path_inside_the_data_directory_resolves_under_it(string relative)
    {
        var full = Data.Resolve(relative);

        Assert.NotNull(full);
        Assert.StartsWith(Path.GetFullPath(Data.Path) + Path.DirectorySeparatorChar, full, StringComparison.Ordinal);
        Assert.Equal(Path.GetFullPath(Path.Combine(Data.Path, relative)), full);
    }
}
