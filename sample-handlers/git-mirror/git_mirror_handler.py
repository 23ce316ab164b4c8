"""git-mirror: each configured repository is one item; synchronizing it keeps a `git clone --mirror`
of its source up to date (clone the first time, `git fetch --prune` after)."""

from __future__ import annotations

import os
import shutil
import sys
from typing import Callable, Dict, List, Optional

from git_command import GitOutcome, run_git
from git_progress import GitProgress
from mirror_config import ConfigError, Repository, load_config, save_config
from syncmgr_handler import (
    EnumItems,
    Handler,
    HandlerInfo,
    HostContext,
    ItemContext,
    ItemResult,
    ItemStatus,
    LogLevel,
    PromptField,
    SessionInfo,
    SyncItem,
    constants,
    stable_item_id,
)

# Picked once for git-mirror: item and error IDs are uuid5 of names in it, stable across runs.
NAMESPACE = "5d0c7e0e-2f8b-4b43-9f1e-6a7c3b1d2e90"


class GitMirrorHandler(Handler):
    handler_info = HandlerInfo("git-mirror", constants.SYNCMGRHANDLER_HASPROPERTIES)
    handler_version = "0.1.0"

    def __init__(self, config_path: str) -> None:
        self.config_path = config_path
        # An actionable entry's error_id -> the item to retry when the user opens it.
        self._retry_for_error: Dict[str, str] = {}

    def enum_items(self, session: SessionInfo) -> EnumItems:
        try:
            repositories = load_config(self.config_path)
        except ConfigError as error:
            # No list: say so, and keep the user's choices for the items we cannot see now.
            print(f"git-mirror: {error}", file=sys.stderr)
            return EnumItems([], missing_items=True)
        return EnumItems(self._item(repository) for repository in repositories)

    def _item(self, repository: Repository) -> SyncItem:
        return SyncItem(stable_item_id(NAMESPACE, repository.name), repository.name, flags=constants.SYNCMGRITEM_HASPROPERTIES, data=repository)

    def synchronize_item(self, item: SyncItem, ctx: ItemContext) -> Optional[ItemResult]:
        repository: Repository = item.data
        if not repository.is_url and not os.path.isdir(repository.source_location):
            return self._fail(ctx, f"the source {repository.source_location} of {repository.name} does not exist: plug in its drive or fix the config, then retry", "missing-source")
        mirror = repository.mirror_path
        if os.path.isdir(mirror):
            outcome = self._fetch(repository, ctx)
        else:
            outcome = self._clone(repository, ctx)
        if outcome.stopped:
            return ItemResult(ItemStatus(ctx.stop_reason or "stopped"))
        if outcome.exit_code != 0:
            return self._fail(ctx, f"git failed for {repository.name} (exit code {outcome.exit_code}): {outcome.message}", "git-failed")
        return ItemResult(ItemStatus.SUCCEEDED, f"mirrored into {mirror}")

    def _clone(self, repository: Repository, ctx: ItemContext) -> GitOutcome:
        # Into a partial folder first, so a cancelled or failed clone leaves no half mirror behind.
        mirror = repository.mirror_path
        partial = f"{mirror}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        os.makedirs(os.path.dirname(mirror) or ".", exist_ok=True)
        # --no-local: a real copy over git's pack protocol (and its progress), not hard links.
        args = ["clone", "--mirror", "--progress", "--no-local", repository.source_location, partial]
        outcome = run_git(args, self._progress_reporter(ctx), ctx.stop_event)
        if outcome.exit_code == 0 and not outcome.stopped:
            os.replace(partial, mirror)
        else:
            shutil.rmtree(partial, ignore_errors=True)
        return outcome

    def _fetch(self, repository: Repository, ctx: ItemContext) -> GitOutcome:
        mirror = repository.mirror_path
        # The config may have moved the source since the clone.
        set_url = run_git(["--git-dir", mirror, "remote", "set-url", "origin", repository.source_location], lambda _progress: None, ctx.stop_event)
        if set_url.exit_code != 0:
            return set_url
        return run_git(["--git-dir", mirror, "fetch", "--prune", "--progress", "origin"], self._progress_reporter(ctx), ctx.stop_event)

    @staticmethod
    def _progress_reporter(ctx: ItemContext) -> Callable[[Optional[GitProgress]], None]:
        last: List[GitProgress] = []

        def report(progress: Optional[GitProgress]) -> None:
            # The verdict is not needed here: a cancel sets ctx.stop_event, which ends git.
            if progress is None:  # a heartbeat: git is silent, say so again
                ctx.progress(text=f"{last[-1].phase} {last[-1].done}/{last[-1].total}" if last else "waiting for git")
                return
            last[:] = [progress]
            ctx.progress(text=f"{progress.phase} {progress.done}/{progress.total}", value=progress.done, max=progress.total)

        return report

    def _fail(self, ctx: ItemContext, text: str, kind: str) -> ItemResult:
        # An actionable entry: opening it retries just this item (show_error).
        error_id = stable_item_id(NAMESPACE, f"{kind}:{ctx.item_id}")
        self._retry_for_error[error_id] = ctx.item_id
        ctx.log_error(LogLevel.ERROR, text, error_id=error_id)
        return ItemResult(ItemStatus.FAILED, text)

    def show_error(self, error_id: str, ctx: HostContext) -> List[str]:
        item_id = self._retry_for_error.pop(error_id, None)
        if item_id is None:
            return []
        ctx.delete_log_error(error_id)  # the retry logs a fresh entry if it fails again
        return [item_id]

    def show_properties(self, item_id: Optional[str], ctx: HostContext) -> Optional[int]:
        repositories = load_config(self.config_path)
        if item_id is None:
            print(f"git-mirror: {len(repositories)} repositories in {self.config_path}", file=sys.stderr)
            for repository in repositories:
                print(f"git-mirror:   {repository.name}: {repository.source_location} -> {repository.mirror_path}", file=sys.stderr)
            return None
        repository = next((r for r in repositories if stable_item_id(NAMESPACE, r.name) == item_id), None)
        if repository is None:
            return constants.S_SYNCMGR_ITEMDELETED
        answers = ctx.prompt(
            f"Mirror of {repository.name}",
            [PromptField("mirror", "Mirror folder", "text", repository.mirror)],
            text=f"Where the mirror of {repository.source_location} is kept (relative to {repository.base_dir}).",
        )
        new_mirror = answers.get("mirror") if answers else None
        if isinstance(new_mirror, str) and new_mirror.strip() and new_mirror != repository.mirror:
            repository.mirror = new_mirror.strip()
            save_config(self.config_path, repositories)
        return None
