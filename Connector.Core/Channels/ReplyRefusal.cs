namespace Connector.Core.Channels;

/// <summary>Why a reply was refused, which the API turns into its status code.</summary>
public enum ReplyRefusal
{
    /// <summary>The request itself is wrong (no text, an unknown template or channel).</summary>
    Invalid,

    /// <summary>The conversation or its customer does not exist.</summary>
    NotFound,

    /// <summary>The reply breaks a rule of the channel or the customer has no address on it.</summary>
    Conflict,

    /// <summary>The channel cannot send at all (not configured).</summary>
    Unavailable,
}
