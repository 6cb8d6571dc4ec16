using Connector.Core.Customers;

namespace Connector.Core.Tests.Customers;

public sealed class CustomerTests
{
    private static Customer With(params CrmRecordRef[] refs) => new(Guid.NewGuid(), DateTimeOffset.UnixEpoch, [], refs);

    [Fact]
    public void Customers_with_different_records_of_one_crm_conflict_on_that_crm()
    {
        Assert.Equal("salesforce", With(new CrmRecordRef("salesforce", "003A")).ConflictingCrmWith([new("salesforce", "003B")]));
    }

    [Fact]
    public void The_same_record_or_records_of_different_crms_do_not_conflict()
    {
        Assert.Null(With(new CrmRecordRef("salesforce", "003A")).ConflictingCrmWith([new("salesforce", "003A")]));
        Assert.Null(With(new CrmRecordRef("salesforce", "003A")).ConflictingCrmWith([new("hubspot", "51")]));
        Assert.Null(With().ConflictingCrmWith([new("hubspot", "51")]));
    }

    [Fact]
    public void Crm_references_are_normalized_and_must_name_both_parts()
    {
        Assert.Equal(new CrmRecordRef("salesforce", "003A"), CrmRecordRef.Create(" Salesforce ", " 003A "));
        Assert.Throws<InvalidIdentityException>(() => CrmRecordRef.Create("salesforce", " "));
    }
}
