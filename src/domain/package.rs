//! Self-check packages: what the personnel section sends an official to fill in on their own
//! PC, and the checks on what comes back. The identity part (bureau, round, official, base
//! version) is sealed with the bureau's key (HMAC-SHA-256), so a package cannot be redirected
//! to another person, round or bureau; what is filled in is sealed with a key derived from the
//! official's one-time code (printed on the slip given out with the package, never stored in
//! it), so a package filled by anyone else is refused; the whole content carries a SHA-256
//! checksum the app renews on every save, so damage is found. Rules only.

use super::selfcheck::{Levels, SelfCheckData};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The package format this build writes (and the newest it reads). Format 1 had no official's
/// code: such a package is still read, and refused when taken in or filled. Format 2 had no
/// 平時 個人小結: such a package is read and taken in as before.
pub const FORMAT: u32 = 3;
/// The first format whose filled content is sealed with the official's code.
pub const CODED_FORMAT: u32 = 2;
/// The first format that can carry the official's 平時 個人小結.
pub const ROUTINE_FORMAT: u32 = 3;
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
    /// What checks the official's code (format 2 on; none in a format-1 package).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<CodeLock>,
    /// The 平時 period whose 個人小結 the official may write in the package (format 3 on; none
    /// when no period of the year is open to them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routine: Option<PackageRoutine>,
}

/// The 平時 period a package carries: its code (`2012Q3`), its name as forms write it and its deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageRoutine {
    pub period: String,
    pub name: String,
    pub deadline: String,
}

/// What a package holds of its official's code: a random salt and a check value derived from
/// the code's key, enough to tell a mistyped code at once and nothing to fill it in with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeLock {
    /// 16 random bytes, hex.
    pub salt: String,
    /// HMAC-SHA-256 of a fixed label under the code's key, hex.
    pub check: String,
}

/// A package written for an official, with the one-time code given out with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuedPackage {
    pub file: std::path::PathBuf,
    pub staff_no: String,
    pub name: String,
    /// The code as printed, `ABCD-EFGH`.
    pub code: String,
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
    /// HMAC-SHA-256 of identity, seal, form, the ready flag and the 平時 summary under the
    /// official's code key, hex (empty in a format-1 package).
    pub fill_seal: String,
    /// The 平時 個人小結 written in the package (empty before format 3, or when none is written).
    pub routine: String,
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
    /// The filled content's seal does not verify with the code issued for the package.
    #[error("filled by someone without the official's code")]
    NotByOfficial,
    /// A package made before packages carried an official's code (format 1).
    #[error("made before packages carried the official's code")]
    Uncoded,
    /// The code typed does not open this package.
    #[error("the code does not match this package")]
    WrongCode,
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

pub fn hex(bytes: &[u8]) -> String {
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

/// The checksum over everything the file holds: identity, seal, form, the ready flag, (from
/// format 2) the fill seal and (from format 3, when written) the 平時 summary; a format-1
/// package has no fill seal and its checksum ends before it, as one without a summary does.
pub fn checksum(meta: &str, seal: &str, form: &str, ready: bool, fill_seal: &str, routine: &str) -> String {
    let mut digest = Sha256::new()
        .chain_update(meta.as_bytes())
        .chain_update([0])
        .chain_update(seal.as_bytes())
        .chain_update([0])
        .chain_update(form.as_bytes())
        .chain_update([0, u8::from(ready)]);
    if !fill_seal.is_empty() {
        digest = digest.chain_update([0]).chain_update(fill_seal.as_bytes());
    }
    if !routine.is_empty() {
        digest = digest.chain_update([0, 0]).chain_update(routine.as_bytes());
    }
    hex(&digest.finalize())
}

/// The letters a code is made of: no 0/O, 1/I to mistake for each other.
pub const CODE_ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// How many letters a code has (40 bits).
pub const CODE_LEN: usize = 8;

/// A code from 8 random bytes, printed as `ABCD-EFGH`.
pub fn code_from_bytes(bytes: [u8; CODE_LEN]) -> String {
    let letters: String = bytes.iter().map(|b| char::from(CODE_ALPHABET[usize::from(b & 31)])).collect();
    format!("{}-{}", &letters[..4], &letters[4..])
}

/// A code as typed, read leniently (any case, spaces and dashes ignored) into its 8 letters, or
/// `None` when it cannot be a code.
pub fn normalise_code(typed: &str) -> Option<String> {
    let letters: String = typed.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
    (letters.len() == CODE_LEN && letters.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(letters)
}

/// The key a code gives for one package: Argon2id of the code's letters with the package's salt,
/// slow enough that trying every code against a package's check value takes centuries of a
/// computer's time (about 10 ms a try, 2^40 codes).
#[derive(Clone, PartialEq, Eq)]
pub struct CodeKey([u8; 32]);

impl std::fmt::Debug for CodeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CodeKey(…)")
    }
}

impl CodeKey {
    /// The key of `code` (as typed) for a package with `salt` (hex); `None` when the code is
    /// malformed.
    pub fn derive(code: &str, salt: &str) -> Option<CodeKey> {
        let letters = normalise_code(code)?;
        let params = argon2::Params::new(8 * 1024, 1, 1, Some(32)).ok()?;
        let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut key = [0u8; 32];
        argon.hash_password_into(letters.as_bytes(), salt.as_bytes(), &mut key).ok()?;
        Some(CodeKey(key))
    }

    /// The key as kept in the bureau's database, hex.
    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    pub fn from_hex(text: &str) -> Option<CodeKey> {
        let bytes = unhex(text)?;
        Some(CodeKey(bytes.try_into().ok()?))
    }

    /// The check value a package carries for this key.
    pub fn check(&self) -> String {
        hex(&hmac_sha256(&self.0, b"nengli package code check"))
    }

    /// The seal over a package's filled content under this key.
    pub fn fill_seal(&self, package: &Package) -> String {
        let mut message = b"nengli package fill\0".to_vec();
        for part in [meta_text(&package.meta), package.seal.clone(), form_text(&package.form)] {
            message.extend(part.as_bytes());
            message.push(0);
        }
        message.push(u8::from(package.ready));
        if !package.routine.is_empty() {
            message.extend(b"\0routine\0");
            message.extend(package.routine.as_bytes());
        }
        hex(&hmac_sha256(&self.0, &message))
    }
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len() / 2).map(|i| u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()).collect()
}

impl Package {
    /// The checksum of this content.
    pub fn checksum(&self) -> String {
        checksum(&meta_text(&self.meta), &self.seal, &form_text(&self.form), self.ready, &self.fill_seal, &self.routine)
    }

    /// The key `code` (as typed) gives for this package, if it is the package's code.
    pub fn unlock(&self, code: &str) -> Result<CodeKey, PackageProblem> {
        let lock = self.meta.code.as_ref().ok_or(PackageProblem::Uncoded)?;
        let key = CodeKey::derive(code, &lock.salt).ok_or(PackageProblem::WrongCode)?;
        if key.check() != lock.check {
            return Err(PackageProblem::WrongCode);
        }
        Ok(key)
    }

    /// The same package with its filled content sealed by `key`.
    pub fn sealed_with(mut self, key: &CodeKey) -> Package {
        self.fill_seal = key.fill_seal(&self);
        self
    }

    /// Whether the filled content was sealed with `key` (the one issued for this package).
    pub fn filled_with(&self, key: &CodeKey) -> bool {
        !self.fill_seal.is_empty() && key.fill_seal(self) == self.fill_seal
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
            code: None,
            routine: None,
        };
        Package {
            seal: seal(&meta, b"key"),
            meta,
            form: SelfCheckData::default(),
            ready: false,
            fill_seal: String::new(),
            routine: String::new(),
        }
    }

    #[test]
    fn codes_are_read_leniently_and_only_the_issued_one_unlocks_and_seals() {
        let code = code_from_bytes([0, 1, 2, 3, 31, 30, 29, 200]);
        assert_eq!(code, "2345-ZYXA");
        assert_eq!(normalise_code(" 2345 zyxa "), Some("2345ZYXA".into()));
        assert_eq!(normalise_code("2345-ZYX0"), None, "0 is not a code letter");
        assert_eq!(normalise_code("2345-ZYX"), None);
        let salt = "00112233445566778899aabbccddeeff";
        let key = CodeKey::derive(&code, salt).unwrap();
        assert_eq!(CodeKey::from_hex(&key.to_hex()), Some(key.clone()));
        assert_ne!(CodeKey::derive(&code, "another salt"), Some(key.clone()), "the salt is part of the key");
        let mut coded = package();
        coded.meta.code = Some(CodeLock { salt: salt.into(), check: key.check() });
        assert_eq!(coded.unlock("2345zyxa").unwrap(), key);
        assert_eq!(coded.unlock("2345-ZYXB").unwrap_err(), PackageProblem::WrongCode);
        assert_eq!(package().unlock(&code).unwrap_err(), PackageProblem::Uncoded);
        let sealed = coded.clone().sealed_with(&key);
        assert!(sealed.filled_with(&key));
        let mut changed = sealed.clone();
        changed.form.levels[0] = Some(5);
        assert!(!changed.filled_with(&key), "a form changed after sealing");
        let other = CodeKey::derive("ZZZZ-ZZZZ", salt).unwrap();
        assert!(!coded.clone().sealed_with(&other).filled_with(&key), "sealed with another code");
        assert!(!coded.filled_with(&key), "never sealed");
        let mut summary = sealed.clone();
        summary.routine = "本季度完成納稅評估".into();
        assert!(!summary.filled_with(&key), "a 平時 summary written after sealing");
        assert!(summary.clone().sealed_with(&key).filled_with(&key));
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
        let mut summary = original.clone();
        summary.routine = "本季度小結".into();
        assert_ne!(summary.checksum(), original.checksum(), "the 平時 summary is covered");
        assert_eq!(original.file_name(), "GS00039-吳振宇-2012_年度能力自查.nlpkg");
    }
}
