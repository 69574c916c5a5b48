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
    ]);
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(manifest);
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
