/*
 * The GEM-style helper calls the object's own mmap when its table sets one, and falls back to a
 * legacy path otherwise. The only table here leaves .mmap unset, so the fallback runs and
 * installs the legacy vm_ops, with their fault handler.
 */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_gem.h>

struct core_bo {
	struct drm_gem_object base;
	struct page **pages;
	unsigned long count;
};

static vm_fault_t core_legacy_fault(struct vm_fault *vmf)
{
	struct core_bo *bo = vmf->vma->vm_private_data;

	if (vmf->pgoff >= bo->count)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, bo->pages[vmf->pgoff]);
}

static const struct vm_operations_struct core_legacy_vm_ops = {
	.fault = core_legacy_fault,
};

static int core_legacy_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = obj;
	vma->vm_ops = &core_legacy_vm_ops; /* expect: dmabuf/fault-interception "core_legacy_vm_ops" */
	return 0;
}

static void core_free(struct drm_gem_object *obj)
{
}

static const struct drm_gem_object_funcs core_funcs = {
	.free = core_free,
};

static int core_prime_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	if (obj->funcs && obj->funcs->mmap) {
		vma->vm_ops = obj->funcs->vm_ops;
		return obj->funcs->mmap(obj, vma);
	}
	return core_legacy_mmap(obj, vma);
}

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	return core_prime_mmap(buf->priv, vma);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
