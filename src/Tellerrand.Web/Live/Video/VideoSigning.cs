using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Tellerrand.Web.Live.Video;

/// <summary>
/// The three pieces of cryptography the video providers need, free of I/O so they can be checked against the documented
/// examples: unguessable room names, HS256 tokens for Jitsi (RFC 7515) and BigBlueButton's API checksum.
/// </summary>
public static class VideoSigning
{
    /// <summary>
    /// A room name nobody can guess or derive from another event's: HMAC-SHA256 over the event and room (or "plenary"),
    /// keyed with a secret, as 26 lower-case base-32 characters (130 bits).
    /// </summary>
    public static string RoomName(byte[] key, Guid eventId, Guid? roomId)
    {
        var message = Encoding.UTF8.GetBytes($"{eventId:N}/{(roomId is { } id ? id.ToString("N") : "plenary")}");
        var mac = HMACSHA256.HashData(key, message);
        return "tellerrand-" + Base32(mac)[..26];
    }

    /// <summary>A JWS in compact form with HMAC-SHA256 (RFC 7515 §3.1) over exactly the given header and payload bytes.</summary>
    public static string Hs256(string headerJson, string payloadJson, byte[] key)
    {
        var signingInput = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(headerJson)) + "." + WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(payloadJson));
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + WebEncoders.Base64UrlEncode(signature);
    }

    /// <summary>BigBlueButton's checksum: SHA-1 in hex of the call name, the query string and the shared secret, joined.</summary>
    public static string BigBlueButtonChecksum(string callName, string query, string secret) =>
        Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(callName + query + secret)));

    private static string Base32(byte[] data)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var output = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                output.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return output.ToString();
    }
}
