/* The core drops a buffer's memory once the device is done with it, when no placement is given. */
#include "core_bo.h"

static int core_bo_drop(struct core_bo *bo)
{
	wait_for_completion(bo->idle);
	return 0;
}

int core_bo_validate(struct core_bo *bo, struct core_placement *placement)
{
	if (!placement->count)
		return core_bo_drop(bo);
	return 0;
}
