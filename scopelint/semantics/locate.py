"""Where a user fixes a scope error: one rule shared by every tier.

TensorFlow reports an error at the innermost line that raised (the `get_variable` inside
a helper). The user fixes it where the failing call path leaves the path that first
created the variable: the second `discriminator(...)` call, not the helper's body. Both
paths are lists of frames in the analysed file, outermost first.
"""

from __future__ import annotations

from typing import Optional, Sequence, Tuple

Frame = Tuple[int, str]
"""(line, function name) of one call frame inside the analysed file; `<module>` at top."""


def fix_frame(error_frames: Sequence[Frame], origin_frames: Optional[Sequence[Frame]]) -> Frame:
    """The frame of the error's call path where it diverges from the origin's path.

    Without an origin (nothing was created before), or when the paths never diverge
    (the same line runs twice, as in a loop), the innermost frame is the answer.
    """
    if not error_frames:
        raise ValueError("an error needs at least one frame in the analysed file")
    if origin_frames:
        for index, frame in enumerate(error_frames):
            if index >= len(origin_frames) or origin_frames[index] != frame:
                return frame
    return error_frames[-1]
