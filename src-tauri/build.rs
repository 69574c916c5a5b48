//! Build script of the desktop app: runs tauri-build with the capability files under
//! src-tauri/capabilities and declares the app's IPC commands, so that tauri-build
//! generates an `allow-…` permission per command and the capability can grant exactly those.

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let manifest = tauri_build::AppManifest::new().commands(&[
        "project_info",
        "list_documents",
        "get_document",
        "get_alignment",
        "align_document",
        "realign",
        "confirm_bead",
        "merge_beads",
        "split_bead",
        "move_sentence",
        "add_link",
        "accept_link",
        "remove_link",
        "undo",
        "redo",
        "annotation_schema",
        "list_entities",
        "get_entity",
        "list_mentions",
        "one_sided_mentions",
        "list_relations",
        "list_claims",
        "get_claim",
        "list_sources",
        "history",
        "add_entity_type",
        "add_relation_type",
        "create_entity",
        "update_entity",
        "add_alias",
        "remove_alias",
        "add_external_id",
        "remove_external_id",
        "merge_entities",
        "split_entity",
        "delete_entity",
        "add_mention",
        "set_mention_status",
        "set_mention_type",
        "link_mentions",
        "delete_mentions",
        "project_mentions",
        "suggest_mentions",
        "add_relation",
        "delete_relation",
        "add_relation_anchor",
        "remove_relation_anchor",
        "create_claim",
        "update_claim",
        "set_claim_status",
        "add_claim_anchor",
        "remove_claim_anchor",
        "add_claim_subject",
        "remove_claim_subject",
        "link_claims",
        "unlink_claims",
        "delete_claim",
        "add_source",
        "update_source",
        "delete_source",
        "link_evidence",
        "unlink_evidence",
        "inspect_source",
        "import_document",
    ]);
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(manifest);
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
