using System.Collections.Concurrent;

namespace Connector.Worker.Voice;

/// <summary>
/// The digits a caller keys while an agent has secure capture on. Held in memory only, never stored, logged or
/// shown: the panel sees how many were keyed and whether they form a valid card number, nothing more. Ending the
/// session (or the call) forgets them.
/// </summary>
internal sealed class SecureCaptureSessions
{
    private readonly ConcurrentDictionary<string, SortedDictionary<int, char>> _sessions = new(StringComparer.Ordinal);

    public void Begin(string callId) => _sessions[callId] = [];

    public bool IsActive(string callId) => _sessions.ContainsKey(callId);

    /// <param name="sequenceId">ACS numbers the tones; a tone delivered twice is kept once, late ones fall into place.</param>
    public void Add(string callId, int sequenceId, char key)
    {
        if (_sessions.TryGetValue(callId, out var digits))
        {
            lock (digits)
            {
                digits[sequenceId] = key;
            }
        }
    }

    public SecureCaptureStatus Status(string callId)
    {
        if (!_sessions.TryGetValue(callId, out var digits))
        {
            return new SecureCaptureStatus(false, 0, "", false);
        }

        lock (digits)
        {
            var keys = digits.Values.Where(char.IsAsciiDigit).ToArray();
            return new SecureCaptureStatus(true, keys.Length, new string('•', keys.Length), keys.Length is >= 12 and <= 19 && Luhn(keys));
        }
    }

    /// <summary>Forgets the digits; returns how many were keyed.</summary>
    public int End(string callId) => _sessions.TryRemove(callId, out var digits) ? digits.Count : 0;

    private static bool Luhn(char[] digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }
}

/// <summary>What the panel may know of a secure capture: never the digits.</summary>
/// <param name="Masked">One mask character per digit keyed.</param>
/// <param name="LooksLikeCard">12–19 digits passing the Luhn check.</param>
public sealed record SecureCaptureStatus(bool Active, int DigitCount, string Masked, bool LooksLikeCard);
