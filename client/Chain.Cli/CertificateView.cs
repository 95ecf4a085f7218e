using System.Globalization;
using System.Text.Json.Nodes;
using Chain.Client;
using Chain.Protocol.Blocks;

namespace Chain.Cli;

/// <summary>How a certificate is shown: signers with their power, the share of power that signed, and what the check was worth.</summary>
internal static class CertificateView
{
    /// <summary>The certificate of a block; <paramref name="report"/> is null when it did not verify (then only signer indices are known).</summary>
    public static JsonObject Json(QuorumCertificate certificate, CertificateReport? report, string? genesisPath)
    {
        var signers = new JsonArray();
        foreach (var s in certificate.Signatures)
        {
            var signer = new JsonObject { ["index"] = s.ValidatorIndex };
            if (report is not null)
            {
                var v = report.Validators.Validators[(int)s.ValidatorIndex];
                signer["address"] = v.Address.ToString();
                signer["power"] = v.Power;
            }

            signers.Add(signer);
        }

        return new JsonObject
        {
            ["height"] = certificate.Height,
            ["round"] = certificate.Round,
            ["blockHash"] = certificate.BlockHash.ToString(),
            ["signers"] = signers,
            ["signedPower"] = report?.Check.SignedPower,
            ["totalPower"] = report?.Check.TotalPower,
            ["percent"] = report is null ? null : Percent(report.Check.SignedPower, report.Check.TotalPower),
            ["validatorCount"] = report?.Validators.Count,
            ["verified"] = report is not null,
            ["trustRoot"] = TrustRoot(genesisPath),
            ["trustedSetSince"] = report?.Source == ValidatorSetSource.PinnedGenesis ? report.TrustedSetSince : null,
            ["genesisFile"] = genesisPath,
        };
    }

    /// <summary>The parent's certificate a block carries: its hash is committed by the header, its signatures are not re-checked here.</summary>
    public static JsonObject ParentJson(QuorumCertificate last, BlockHeader header)
    {
        var indices = new JsonArray();
        foreach (var s in last.Signatures)
        {
            indices.Add(s.ValidatorIndex);
        }

        return new JsonObject
        {
            ["height"] = last.Height,
            ["round"] = last.Round,
            ["blockHash"] = last.BlockHash.ToString(),
            ["signatureCount"] = last.Signatures.Count,
            ["signerIndices"] = indices,
            ["matchesPreviousHash"] = last.BlockHash == header.PreviousHash && last.Height + 1 == header.Height,
        };
    }

    public static void WriteText(TextWriter w, QuorumCertificate certificate, CertificateReport? report, string? genesisPath, CliFailure? failure)
    {
        if (report is null)
        {
            w.WriteLine($"certificate:    round {certificate.Round}, {certificate.Signatures.Count} signatures");
            w.WriteLine($"verified:       NO: {failure?.Message}");
            return;
        }

        var check = report.Check;
        w.WriteLine(
            $"certificate:    round {certificate.Round}, {certificate.Signatures.Count} of {report.Validators.Count} validators signed, "
            + $"power {check.SignedPower}/{check.TotalPower} ({Percent(check.SignedPower, check.TotalPower).ToString("0.00", CultureInfo.InvariantCulture)}%)");
        foreach (var s in certificate.Signatures)
        {
            var v = report.Validators.Validators[(int)s.ValidatorIndex];
            w.WriteLine($"  signer {s.ValidatorIndex}: {v.Address} power {v.Power}");
        }

        w.WriteLine($"verified:       yes, against {Source(report, genesisPath)}");
    }

    public static string ParentLine(QuorumCertificate last, BlockHeader header)
    {
        var matches = last.BlockHash == header.PreviousHash && last.Height + 1 == header.Height ? "matches the previous hash" : "DOES NOT match the previous hash";
        var indices = string.Join(", ", last.Signatures.Select(s => s.ValidatorIndex.ToString(CultureInfo.InvariantCulture)));
        return $"parent certificate: block {last.Height} round {last.Round}, {last.Signatures.Count} signatures (validators {indices}), {matches}";
    }

    /// <summary>"genesis" when the set was followed from a genesis file the user gave, "node" when it is the node's word.</summary>
    public static string TrustRoot(string? genesisPath) => genesisPath is null ? "node" : "genesis";

    /// <summary>Signed power as a percentage of the total, to two decimals.</summary>
    public static double Percent(ulong part, ulong total) => total == 0 ? 0 : Math.Round(part * 100.0 / total, 2);

    /// <summary>Where the set that checked a certificate came from, in words.</summary>
    public static string Source(CertificateReport report, string? genesisPath)
    {
        if (report.Source == ValidatorSetSource.ReportedByNode)
        {
            return "the validator set the node reports (pass --genesis to follow it from your genesis instead)";
        }

        return report.TrustedSetSince == 0
            ? $"the validator set of genesis {genesisPath}"
            : $"the validator set followed from genesis {genesisPath} through the set change at block {report.TrustedSetSince}";
    }
}
