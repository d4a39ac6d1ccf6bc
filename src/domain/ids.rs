//! Typed ids for the stored records, so a post id can never be passed where a unit id is meant.

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// A unit (單位/科室) in the organisation tree.
    UnitId
);
id_type!(
    /// A post (崗位) with its duty statement.
    PostId
);
id_type!(
    /// An official (干部/公務員) on the roster.
    OfficialId
);
