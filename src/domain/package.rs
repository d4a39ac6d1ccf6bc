//! Self-check packages: what the personnel section sends an official to fill in on their own
//! PC, and the checks on what comes back. The identity part (bureau, round, official, base
//! version) is sealed with the bureau's key (HMAC-SHA-256), so a package cannot be redirected
//! to another person, round or bureau; the whole content carries a SHA-256 checksum the app
//! renews on every save, so damage and edits behind the app's back are found. Rules only.

use super::selfcheck::{Levels, SelfCheckData};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The package format this build writes and reads.
pub const FORMAT: u32 = 1;
/// The file name ending of a package.
pub const EXTENSION: &str = "nlpkg";

/// One of the 八種能力 as the package shows it, with the scale's five descriptors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageCapability {
    pub name: String,
    pub slogan: String,
    pub descriptors: [String; 5],
}

/// Who and what a package is for: sealed by the bureau at export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageMeta {
    pub format: u32,
    /// The bureau's own id (its root unit's uuid) and name.
    pub bureau: String,
    pub bureau_name: String,
    pub round: String,
    pub round_name: String,
    pub deadline: String,
    pub official: String,
    pub staff_no: String,
    pub name: String,
    pub unit: String,
    pub post: String,
    pub tier: String,
    pub required: Levels,
    pub capabilities: Vec<PackageCapability>,
    /// The self-check's version when the package was made (0: none yet).
    pub base_version: i64,
    /// The language the package's texts are in (the exporting window's).
    pub lang: super::Lang,
    pub exported_at: String,
}

/// A package's whole content as stored in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Package {
    pub meta: PackageMeta,
    /// HMAC-SHA-256 of the meta by the bureau's key, hex.
    pub seal: String,
    pub form: SelfCheckData,
    /// The official has finished and hands the self-check in with the package.
    pub ready: bool,
}

/// Why a package cannot be taken in.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PackageProblem {
    #[error("no such file")]
    Missing,
    /// A folder, a pipe or a device given where a package file was expected.
    #[error("not a regular file")]
    NotAFile,
    #[error("not a self-check package, or damaged")]
    NotAPackage,
    /// The bureau's database has never issued a package, so none can be its own.
    #[error("this bureau has never issued self-check packages")]
    NeverIssued,
    #[error("made by a newer version")]
    TooNew,
    #[error("the content does not match its checksum (damaged or changed outside the app)")]
    Checksum,
    #[error("not issued by this bureau, or its identity was changed")]
    Seal,
    #[error("the round is not in this database")]
    UnknownRound,
    #[error("the official is not in this database")]
    UnknownOfficial,
    #[error("the round is closed")]
    RoundClosed,
    #[error("the official does not take part in the round")]
    NotInRound,
    #[error("marked as handed in, but levels are missing or out of range")]
    Incomplete,
    /// A text of the form the self-check page would refuse (too long, control characters).
    #[error("the form's text is refused: {0:?}")]
    Form(crate::domain::FieldProblem),
}

/// HMAC-SHA-256 (RFC 2104) of `message` under `key`.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block.map(|b| b ^ byte);
    let inner = Sha256::new().chain_update(pad(0x36)).chain_update(message).finalize();
    Sha256::new().chain_update(pad(0x5c)).chain_update(inner).finalize().into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The canonical text of the meta that the seal and checksum cover.
pub fn meta_text(meta: &PackageMeta) -> String {
    serde_json::to_string(meta).unwrap_or_default()
}

pub fn form_text(form: &SelfCheckData) -> String {
    serde_json::to_string(form).unwrap_or_default()
}

/// The bureau's seal over a package's identity.
pub fn seal(meta: &PackageMeta, key: &[u8]) -> String {
    hex(&hmac_sha256(key, meta_text(meta).as_bytes()))
}

/// The checksum over everything the file holds: identity, seal, form and the ready flag.
pub fn checksum(meta: &str, seal: &str, form: &str, ready: bool) -> String {
    let digest = Sha256::new()
        .chain_update(meta.as_bytes())
        .chain_update([0])
        .chain_update(seal.as_bytes())
        .chain_update([0])
        .chain_update(form.as_bytes())
        .chain_update([0, u8::from(ready)])
        .finalize();
    hex(&digest)
}

impl Package {
    /// The checksum of this content.
    pub fn checksum(&self) -> String {
        checksum(&meta_text(&self.meta), &self.seal, &form_text(&self.form), self.ready)
    }

    /// Whether the bureau holding `key` issued this package for the identity it names.
    pub fn sealed_by(&self, key: &[u8]) -> bool {
        // Compared whole: the seal is not secret from the holder, only unforgeable without the key.
        seal(&self.meta, key) == self.seal
    }

    /// A file name for the package: staff number, name and round, safe on every system.
    pub fn file_name(&self) -> String {
        let safe = |s: &str| s.chars().map(|c| if c.is_alphanumeric() { c } else { '_' }).collect::<String>();
        format!("{}-{}-{}.{EXTENSION}", safe(&self.meta.staff_no), safe(&self.meta.name), safe(&self.meta.round_name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        let key = [0x0b; 20];
        assert_eq!(hex(&hmac_sha256(&key, b"Hi There")), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let long_key = [0xaa; 131];
        assert_eq!(
            hex(&hmac_sha256(&long_key, b"Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    fn package() -> Package {
        let meta = PackageMeta {
            format: FORMAT,
            bureau: "b".into(),
            bureau_name: "示範縣國家稅務局".into(),
            round: "r".into(),
            round_name: "2012 年度能力自查".into(),
            deadline: "2012-12-31".into(),
            official: "o".into(),
            staff_no: "GS00039".into(),
            name: "吳振宇".into(),
            unit: "征管科".into(),
            post: "稅收分析崗".into(),
            tier: "一般幹部".into(),
            required: [Some(3); 8],
            capabilities: Vec::new(),
            base_version: 0,
            lang: super::super::Lang::Tc,
            exported_at: "2012-11-01T08:00:00Z".into(),
        };
        Package { seal: seal(&meta, b"key"), meta, form: SelfCheckData::default(), ready: false }
    }

    #[test]
    fn the_seal_binds_the_identity_and_the_checksum_everything() {
        let original = package();
        assert!(original.sealed_by(b"key"));
        assert!(!original.sealed_by(b"another bureau's key"));
        let mut redirected = original.clone();
        redirected.meta.official = "someone else".into();
        assert!(!redirected.sealed_by(b"key"), "a package cannot be turned to another official");
        let mut filled = original.clone();
        filled.form.levels[0] = Some(4);
        assert_ne!(filled.checksum(), original.checksum());
        let mut ready = original.clone();
        ready.ready = true;
        assert_ne!(ready.checksum(), original.checksum());
        assert_eq!(original.file_name(), "GS00039-吳振宇-2012_年度能力自查.nlpkg");
    }
}
