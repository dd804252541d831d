/*
 * A generic GEM exporter whose mmap dispatches to the mmap of the object's funcs table: one
 * driver's table sets VM_DONTEXPAND, the other installs a fault handler and leaves the vma
 * expandable. Whether a mapping can grow depends on the driver whose object is exported.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_gem.h>

static int tidy_gem_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_IO | VM_DONTEXPAND | VM_DONTDUMP);
	return 0;
}

static const struct drm_gem_object_funcs tidy_funcs = {
	.mmap = tidy_gem_mmap,
};

static vm_fault_t loose_fault(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct loose_vm_ops = {
	.fault = loose_fault,
};

static int loose_gem_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_IO);
	vma->vm_ops = &loose_vm_ops;
	return 0;
}

static const struct drm_gem_object_funcs loose_funcs = {
	.mmap = loose_gem_mmap,
};

static int genprime_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	struct drm_gem_object *obj = buf->priv;

	if (!obj->funcs->mmap)
		return -ENODEV;
	return obj->funcs->mmap(obj, vma);
}

static const struct dma_buf_ops genprime_ops = { /* exporter: mmap=genprime_mmap begin=- end=- */
	.mmap = genprime_mmap,
};
