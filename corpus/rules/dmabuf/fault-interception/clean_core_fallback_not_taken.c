/*
 * The GEM-style helper calls the object's own mmap when its table sets one, and falls back to a
 * legacy path only otherwise. The only table here sets .mmap, so the legacy vm_ops (with a fault
 * handler) are never installed on a dma-buf mapping.
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
	vma->vm_ops = &core_legacy_vm_ops;
	return 0;
}

static int core_obj_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	return remap_pfn_range(vma, vma->vm_start, vma->vm_pgoff, vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static const struct drm_gem_object_funcs core_funcs = {
	.mmap = core_obj_mmap,
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
